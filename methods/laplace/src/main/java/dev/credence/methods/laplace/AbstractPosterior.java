package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/** The parts every structure shares: the mean, λ, and the chunked walk that assembles a {@link LogitDistribution}. */
abstract class AbstractPosterior implements Posterior {
    private static final long serialVersionUID = 1L;

    final LastLayer mean;
    final double priorPrecision;

    AbstractPosterior(LastLayer mean, double priorPrecision) {
        Curvature.checkPriorPrecision(priorPrecision);
        this.mean = mean;
        this.priorPrecision = priorPrecision;
    }

    @Override
    public final LastLayer mean() {
        return mean;
    }

    @Override
    public final double priorPrecision() {
        return priorPrecision;
    }

    @Override
    public final LogitDistribution logits(FMatrixRMaj features) {
        int n = features.numRows;
        int k = mean.classes();
        double[] means = new double[n * k];
        double[] covariance = new double[n * k * k];
        FeatureChunks.forEach(features, mean, chunkRows(), true, chunk -> {
            for (int i = 0; i < chunk.rows * k; i++) {
                means[chunk.from * k + i] = chunk.logits.data[i];
            }
            addLogitCovariance(chunk.augmented, chunk.rows, covariance, chunk.from * k * k);
        });
        return new LogitDistribution(n, k, means, covariance);
    }

    /** @return rows per chunk of {@link #logits}, bounding the structure's work buffers */
    int chunkRows() {
        return FeatureChunks.ROWS;
    }

    /**
     * Adds J Σ Jᵀ of each of {@code rows} examples to {@code out}, K×K per example from {@code offset}.
     *
     * @param augmented rows × (H+1) augmented features
     */
    abstract void addLogitCovariance(float[] augmented, int rows, double[] out, int offset);
}
