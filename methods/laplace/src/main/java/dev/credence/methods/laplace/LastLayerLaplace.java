package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/** A last-layer Laplace fit in one call: curvature at the MAP, λ, posterior. */
public final class LastLayerLaplace {

    /**
     * @param curvature      the GGN at the MAP, in the fitted structure
     * @param posterior      N(θ*, (GGN + λI)⁻¹)
     * @param priorPrecision the λ chosen
     * @param logEvidence    the Laplace evidence at λ when λ was chosen by it, else NaN (not computed, since for
     *                       full it costs an eigenvalue solve)
     */
    public record Fit(Curvature curvature, Posterior posterior, double priorPrecision, double logEvidence) {
    }

    private LastLayerLaplace() {
    }

    /**
     * @param features  N × H penultimate features of the training set (through the trained base network)
     * @param labels    N training labels
     * @param map       the MAP last layer
     * @param structure how to represent the GGN
     * @param prior     how to choose λ
     * @return the fit
     */
    public static Fit fit(FMatrixRMaj features, int[] labels, LastLayer map, Structure structure, PriorPrecision prior) {
        if (labels.length != features.numRows) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.numRows + " feature rows");
        }
        Curvature curvature = structure.curvature(features, map);
        double lambda;
        double logEvidence = Double.NaN;
        if (prior instanceof PriorPrecision.Evidence) {
            LaplaceEvidence evidence = LaplaceEvidence.of(curvature, features, labels);
            lambda = evidence.maximise();
            logEvidence = evidence.logEvidence(Math.log(lambda));
        } else if (prior instanceof PriorPrecision.Validation v) {
            lambda = ValidationGrid.select(curvature, v.features(), v.labels(), v.grid()).priorPrecision();
        } else {
            lambda = ((PriorPrecision.Fixed) prior).value();
        }
        return new Fit(curvature, curvature.posterior(lambda), lambda, logEvidence);
    }
}
