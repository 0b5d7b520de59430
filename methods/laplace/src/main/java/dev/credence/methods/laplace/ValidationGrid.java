package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/**
 * Chooses λ as the value of a {@link LogGrid} with the lowest mean validation NLL of the probit predictive (the
 * deterministic predictive, as in the Laplace library's grid search, so the choice has no Monte Carlo noise). One
 * posterior per grid value: cheap for diag and kron, one Cholesky and one triangular inverse of order P for full.
 */
public final class ValidationGrid {

    /**
     * @param priorPrecision         the chosen λ
     * @param grid                   the λ values tried, ascending
     * @param negativeLogLikelihood  mean validation NLL per grid value; NaN where GGN + λI was not numerically
     *                               positive definite (such values are skipped)
     */
    public record Choice(double priorPrecision, double[] grid, double[] negativeLogLikelihood) {
    }

    private ValidationGrid() {
    }

    /**
     * @param curvature the GGN in some structure
     * @param features  validation penultimate features
     * @param labels    validation labels
     * @param grid      the λ values to try
     * @return the λ of least validation NLL (the smallest such λ on ties)
     * @throws IllegalStateException when no grid value gives a posterior
     */
    public static Choice select(Curvature curvature, FMatrixRMaj features, int[] labels, LogGrid grid) {
        double[] lambdas = grid.values();
        double[] nll = new double[lambdas.length];
        int best = -1;
        for (int i = 0; i < lambdas.length; i++) {
            try {
                nll[i] = ProbitPredictive.meanNegativeLogLikelihood(curvature.posterior(lambdas[i]).logits(features), labels);
            } catch (NotPositiveDefiniteException e) {
                nll[i] = Double.NaN;
                continue;
            }
            if (best < 0 || nll[i] < nll[best]) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no prior precision of " + grid + " gives a positive definite posterior");
        }
        return new Choice(lambdas[best], lambdas, nll);
    }
}
