package dev.credence.methods.swag;

import dev.credence.core.engine.Network;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.SnapshotPredictive;

import java.util.ArrayList;
import java.util.List;

/**
 * The SWAG Gaussian over a network's flattened parameters: mean θ̄, diagonal variance Σ_diag and the K deviation
 * columns of D, from {@link SwagCollector#posterior()}. Samples follow {@link SwagCovariance}; every draw comes from the
 * given stream (z₁ then z₂, through {@link Rng#fillGaussian}), so the same seed gives the same samples.
 */
public final class SwagPosterior {
    /** Coordinates of a sample assembled at a time: 8 KB of double partial sums, well inside the L1 cache. */
    static final int BLOCK = 1024;

    private final double[] mean;
    private final double[] variance;
    private final double[] standardDeviation;
    private final float[][] deviations;
    private final long iterates;

    /**
     * @param mean       θ̄ (kept)
     * @param variance   Σ_diag ≥ 0 (kept)
     * @param deviations the K columns of D, oldest first (kept)
     * @param iterates   the number of iterates behind θ̄ and Σ_diag
     */
    SwagPosterior(double[] mean, double[] variance, float[][] deviations, long iterates) {
        this.mean = mean;
        this.variance = variance;
        this.deviations = deviations;
        this.iterates = iterates;
        this.standardDeviation = new double[variance.length];
        for (int j = 0; j < variance.length; j++) {
            standardDeviation[j] = Math.sqrt(variance[j]);
        }
    }

    /** @return d, the number of parameters */
    public int dimension() {
        return mean.length;
    }

    /** @return the number of iterates behind θ̄ and Σ_diag */
    public long iterates() {
        return iterates;
    }

    /** @return K, the number of columns of D (at most the collector's rank) */
    public int rank() {
        return deviations.length;
    }

    /** @return θ̄ (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return Σ_diag (a copy) */
    public double[] diagonalVariance() {
        return variance.clone();
    }

    /**
     * @param column 0 … K − 1, oldest first
     * @return that column of D (a copy)
     */
    public float[] deviation(int column) {
        return deviations[column].clone();
    }

    /** @return θ̄ rounded to float: the SWA solution, loadable with {@code ParameterSnapshots.load} */
    public float[] meanSnapshot() {
        float[] snapshot = new float[mean.length];
        for (int j = 0; j < mean.length; j++) {
            snapshot[j] = (float) mean[j];
        }
        return snapshot;
    }

    /**
     * @param covariance which SWAG covariance
     * @param rng        the stream of z₁ (d draws) and, for the low-rank covariance, z₂ (K draws)
     * @return one parameter sample θ̃, rounded to float
     * @throws IllegalStateException for the low-rank covariance with fewer than 2 columns of D
     */
    public float[] sample(SwagCovariance covariance, Rng rng) {
        int d = mean.length;
        int k = deviations.length;
        boolean lowRank = covariance == SwagCovariance.low_rank;
        if (lowRank && k < 2) {
            throw new IllegalStateException("the low-rank SWAG covariance DDᵀ/(K − 1) needs K ≥ 2 deviation columns, have "
                    + k + " (collect more iterates)");
        }
        float[] z1 = new float[d];
        rng.fillGaussian(z1, 0, d);
        double diagonalScale = lowRank ? Math.sqrt(0.5) : 1;
        double[] weights = new double[lowRank ? k : 0];
        if (lowRank) {
            float[] z2 = new float[k];
            rng.fillGaussian(z2, 0, k);
            double lowRankScale = 1 / Math.sqrt(2.0 * (k - 1));
            for (int c = 0; c < k; c++) {
                weights[c] = lowRankScale * z2[c];
            }
        }
        // θ̃_j = θ̄_j + s·σ_j·z1_j + Σ_c w_c D[j][c], the columns added in order c = 0 … K − 1, a block of
        // coordinates at a time so the partial sums stay in cache while all K columns pass over them
        float[] out = new float[d];
        double[] theta = new double[Math.min(d, BLOCK)];
        for (int from = 0; from < d; from += BLOCK) {
            int length = Math.min(BLOCK, d - from);
            for (int j = 0; j < length; j++) {
                theta[j] = mean[from + j] + diagonalScale * standardDeviation[from + j] * z1[from + j];
            }
            for (int c = 0; c < weights.length; c++) {
                double weight = weights[c];
                float[] column = deviations[c];
                for (int j = 0; j < length; j++) {
                    theta[j] += weight * column[from + j];
                }
            }
            for (int j = 0; j < length; j++) {
                out[from + j] = (float) theta[j];
            }
        }
        return out;
    }

    /**
     * @param covariance which SWAG covariance
     * @param count      S ≥ 1 samples
     * @param seed       seed; sample s is drawn from the s-th split of {@code new Rng(seed)}
     * @return S parameter samples
     */
    public List<float[]> samples(SwagCovariance covariance, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one SWAG sample, got " + count);
        }
        Rng root = new Rng(seed);
        List<float[]> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            out.add(sample(covariance, root.split()));
        }
        return out;
    }

    /**
     * The SWAG Bayesian model average: S networks drawn from this Gaussian, each giving softmax(f(x; θ̃_s)) through the
     * core's {@link SnapshotPredictive} (one mean pass per sample, samples held in memory: 4·S·d bytes).
     *
     * @param network    a network with the parameters the collector followed, in the same order; its values are
     *                   overwritten while predicting
     * @param covariance which SWAG covariance
     * @param count      S ≥ 1 samples
     * @param seed       seed of the samples
     * @return the predictive
     */
    public SnapshotPredictive predictive(Network network, SwagCovariance covariance, int count, long seed) {
        return new SnapshotPredictive(network, samples(covariance, count, seed));
    }
}
