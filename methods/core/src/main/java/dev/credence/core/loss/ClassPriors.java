package dev.credence.core.loss;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class counts n_c of a training set and the per-class quantities the imbalance remedies derive from them.
 * Weights are normalised so that Σ_c n_c·w_c = N: the raw weights are first divided by their largest value (so that
 * equal counts give raw weights of exactly 1) and then multiplied by N / Σ_c n_c·r_c (exactly 1 for equal counts, the
 * sums being of integers). A class without training examples weighs nothing in any loss, and is given w_c = 0; the
 * logit offsets refuse such a class (log π_c = −∞).
 *
 * @param counts     n_c, indexed by class id
 * @param classNames the class names, same order
 */
public record ClassPriors(int[] counts, List<String> classNames) {

    /** Copies the counts; checks they match the names and are not negative. */
    public ClassPriors {
        counts = counts.clone();
        classNames = List.copyOf(classNames);
        if (counts.length != classNames.size()) {
            throw new IllegalArgumentException(counts.length + " counts for " + classNames.size() + " classes");
        }
        for (int n : counts) {
            if (n < 0) {
                throw new IllegalArgumentException("negative class count " + n);
            }
        }
    }

    /** @return the counts of {@code data}'s labels */
    public static ClassPriors of(DenseData data) {
        return new ClassPriors(data.classCounts(), data.classNames());
    }

    /** @return N = Σ_c n_c */
    public long total() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** @return w_c ∝ 1/n_c, normalised (see the class) */
    public double[] inverseFrequencyWeights() {
        double[] raw = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            raw[c] = counts[c] == 0 ? 0 : 1.0 / counts[c];
        }
        return normalised(raw);
    }

    /**
     * @param beta β in [0, 1)
     * @return w_c ∝ (1−β)/(1−β^{n_c}), the inverse effective number of samples, normalised (see the class); 1 − β^n is
     *     computed as −expm1(n·ln β), accurate for β near 1. β = 0 gives equal weights
     */
    public double[] effectiveNumberWeights(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("β must be in [0, 1), got " + beta);
        }
        double[] raw = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            raw[c] = counts[c] == 0 ? 0 : (1 - beta) / -Math.expm1(counts[c] * Math.log(beta));
        }
        return normalised(raw);
    }

    private double[] normalised(double[] raw) {
        double max = 0;
        for (double r : raw) {
            max = Math.max(max, r);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("no class has a training example");
        }
        double weighted = 0;
        for (int c = 0; c < raw.length; c++) {
            raw[c] /= max;
            weighted += counts[c] * raw[c];
        }
        double scale = total() / weighted;
        for (int c = 0; c < raw.length; c++) {
            raw[c] *= scale;
        }
        return raw;
    }

    /**
     * The offsets τ·log π_c shifted by the constant −τ·log π_max, which no softmax sees: δ_c = τ·ln(n_c / n_max) ≤ 0,
     * exactly 0 for every class when the counts are equal.
     *
     * @param tau    τ ≥ 0
     * @param method the method asking, for the refusal
     * @return δ, indexed by class id
     * @throws CredenceInputException when a class has no training example, naming it
     */
    public double[] logPriorOffsets(double tau, String method) {
        int max = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new CredenceInputException("method '" + method + "': logit adjustment needs log π_c of every class, "
                        + "but class '" + classNames.get(c) + "' has no training example");
            }
            max = Math.max(max, counts[c]);
        }
        double[] offsets = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            offsets[c] = tau * Math.log((double) counts[c] / max);
        }
        return offsets;
    }

    /**
     * @param values one value per class
     * @return class name → value, in class order (for a fit's extras)
     */
    public Map<String, Double> byName(double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < values.length; c++) {
            out.put(classNames.get(c), values[c]);
        }
        return out;
    }
}
