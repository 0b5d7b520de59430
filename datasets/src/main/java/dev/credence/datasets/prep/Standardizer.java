package dev.credence.datasets.prep;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature z-scoring fitted on training data only: mean and population standard deviation computed
 * in double with two passes (so values near the float32 limit, e.g. 1e30, do not overflow). A feature
 * whose standard deviation is 0, below float32 resolution (std &le; 1e-7·|mean|) or below the smallest
 * normal float is <em>constant</em>: it is centred but gets scale 1. Applying computes
 * {@code (x - mean) / scale} in double and clamps the float32 result to ±{@link Float#MAX_VALUE}, so
 * the output is always finite for finite input.
 */
public final class Standardizer {
    private static final double RELATIVE_TINY = 1e-7;

    private final List<String> featureNames;
    private final double[] means;
    private final double[] scales;
    private final boolean[] constant;

    private Standardizer(List<String> featureNames, double[] means, double[] scales, boolean[] constant) {
        this.featureNames = List.copyOf(featureNames);
        this.means = means;
        this.scales = scales;
        this.constant = constant;
    }

    /**
     * @param train the training part (at least one row)
     * @return the fitted standardizer
     */
    public static Standardizer fit(DenseData train) {
        int n = train.size();
        int d = train.numFeatures();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on 0 rows");
        }
        float[] x = train.x().data;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] ss = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double r = x[o + j] - mean[j];
                ss[j] += r * r;
            }
        }
        double[] scale = new double[d];
        boolean[] constant = new boolean[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(ss[j] / n);
            boolean isConstant = !(std > Math.max(RELATIVE_TINY * Math.abs(mean[j]), Float.MIN_NORMAL));
            constant[j] = isConstant;
            scale[j] = isConstant ? 1.0 : std;
        }
        return new Standardizer(train.featureNames(), mean, scale, constant);
    }

    /**
     * @param data any part with the same features as the training part
     * @return a new table with standardized features (labels and names shared)
     */
    public DenseData apply(DenseData data) {
        int d = means.length;
        if (data.numFeatures() != d) {
            throw new IllegalArgumentException("standardizer was fitted on " + d + " features, data has " + data.numFeatures());
        }
        int n = data.size();
        float[] in = data.x().data;
        FMatrixRMaj out = new FMatrixRMaj(n, d);
        float[] o = out.data;
        double max = Float.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                double z = (in[base + j] - means[j]) / scales[j];
                o[base + j] = (float) Math.max(-max, Math.min(max, z));
            }
        }
        return data.withFeatures(out);
    }

    /** @return the per-feature means (copy) */
    public double[] means() {
        return means.clone();
    }

    /** @return the per-feature divisors: the population std, or 1 for constant features (copy) */
    public double[] scales() {
        return scales.clone();
    }

    /** @return indices of the constant features, ascending */
    public int[] constantFeatures() {
        int count = 0;
        for (boolean c : constant) {
            count += c ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int j = 0; j < constant.length; j++) {
            if (constant[j]) {
                out[k++] = j;
            }
        }
        return out;
    }

    /** @return names of the constant features, in column order */
    public List<String> constantFeatureNames() {
        List<String> out = new ArrayList<>();
        for (int j : constantFeatures()) {
            out.add(featureNames.get(j));
        }
        return out;
    }

    /** @return the feature names it was fitted on */
    public List<String> featureNames() {
        return featureNames;
    }
}
