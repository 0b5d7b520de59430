package dev.credence.methods.laplace;

/**
 * The GGN of the training set in one {@link Structure}, at the MAP last layer: what λ-selection and the posterior
 * are computed from.
 */
public sealed interface Curvature permits FullCurvature, KronCurvature, DiagCurvature {

    /** @return the MAP last layer θ*, the posterior mean */
    LastLayer mean();

    /**
     * @return the P eigenvalues of this structure's GGN (ascending for full, unordered otherwise), negative rounding
     * residue of a positive semi-definite matrix clamped to 0; log det(GGN + λI) = Σ ln(γ_i + λ)
     */
    double[] spectrum();

    /**
     * @param priorPrecision λ &gt; 0 of the isotropic prior N(0, λ⁻¹I) on θ
     * @return N(θ*, (GGN + λI)⁻¹) in this structure
     * @throws NotPositiveDefiniteException when GGN + λI is not numerically positive definite (full only, for λ
     *                                      below the float32 rounding of the GGN)
     */
    Posterior posterior(double priorPrecision);

    /** @throws IllegalArgumentException unless λ is finite and positive */
    static void checkPriorPrecision(double priorPrecision) {
        if (!(priorPrecision > 0) || Double.isInfinite(priorPrecision)) {
            throw new IllegalArgumentException("prior precision must be finite and > 0, got " + priorPrecision);
        }
    }

    /** Sets negative entries to 0 (rounding residue of eigenvalues of a positive semi-definite matrix). */
    static double[] clampNonNegative(double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(0, values[i]);
        }
        return values;
    }
}
