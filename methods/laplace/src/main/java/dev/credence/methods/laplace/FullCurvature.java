package dev.credence.methods.laplace;

/**
 * The dense GGN ({@link Structure#FULL}); its spectrum costs one symmetric eigenvalue solve of order P (EJML), cached.
 */
public final class FullCurvature implements Curvature {
    private final LastLayer mean;
    private final double[] ggn;
    private double[] spectrum;

    /**
     * @param mean θ*
     * @param ggn  P×P row-major, symmetric (kept, not copied)
     */
    public FullCurvature(LastLayer mean, double[] ggn) {
        int p = mean.parameterCount();
        if (ggn.length != p * p) {
            throw new IllegalArgumentException("GGN of " + ggn.length + " values, expected " + p + "×" + p);
        }
        this.mean = mean;
        this.ggn = ggn;
    }

    @Override
    public LastLayer mean() {
        return mean;
    }

    /** @return a copy of the P×P GGN */
    public double[] ggn() {
        return ggn.clone();
    }

    @Override
    public synchronized double[] spectrum() {
        if (spectrum == null) {
            spectrum = Curvature.clampNonNegative(DenseAlgebra.symmetricEigenvalues(ggn, mean.parameterCount()));
        }
        return spectrum.clone();
    }

    @Override
    public Posterior posterior(double priorPrecision) {
        return FullPosterior.of(mean, ggn, priorPrecision);
    }
}
