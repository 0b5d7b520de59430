package dev.credence.methods.laplace;

/** The diagonal of the GGN ({@link Structure#DIAG}); its spectrum is the diagonal itself. */
public final class DiagCurvature implements Curvature {
    private final LastLayer mean;
    private final double[] diagonal;

    /**
     * @param mean     θ*
     * @param diagonal P values of {@link LastLayerGgn#diagonal} (kept, not copied)
     */
    public DiagCurvature(LastLayer mean, double[] diagonal) {
        if (diagonal.length != mean.parameterCount()) {
            throw new IllegalArgumentException("diagonal of " + diagonal.length + " values, expected " + mean.parameterCount());
        }
        this.mean = mean;
        this.diagonal = diagonal;
    }

    @Override
    public LastLayer mean() {
        return mean;
    }

    @Override
    public double[] spectrum() {
        return Curvature.clampNonNegative(diagonal.clone());
    }

    @Override
    public Posterior posterior(double priorPrecision) {
        Curvature.checkPriorPrecision(priorPrecision);
        double[] variance = new double[diagonal.length];
        for (int i = 0; i < variance.length; i++) {
            variance[i] = 1 / (Math.max(0, diagonal[i]) + priorPrecision);
        }
        return new DiagPosterior(mean, priorPrecision, variance);
    }
}
