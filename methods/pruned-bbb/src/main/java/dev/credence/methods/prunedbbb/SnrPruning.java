package dev.credence.methods.prunedbbb;

import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.GaussianTensor;
import dev.credence.core.engine.Network;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * Signal-to-noise pruning of a Gaussian-weight network. The SNR of weight j is |μ_j| / σ_j (σ = softplus(ρ));
 * all weights of all layers are ranked together, ascending SNR, ties broken by the global index (layers in order,
 * each weight matrix row-major). The layers are those of {@link GaussianLayers#of}: dense weights and the K×C_out
 * kernel matrices of Gaussian convolutions alike, so a CNN's kernels and dense weights share one ranking. Pruning a fraction f removes the first ⌊f·W⌋ of that ranking (W = number of
 * weights; biases are never removed): each removed weight gets μ = σ = 0 in a deep copy of the network, so the
 * copies share no state with the trained network or with each other.
 */
public final class SnrPruning {
    private SnrPruning() {
    }

    /**
     * @param fraction f in [0, 1]
     * @param weights  W
     * @return ⌊f·W⌋, with f taken as the decimal it prints as (0.58·100 = 58, not 57 from binary rounding)
     */
    public static int removedCount(double fraction, int weights) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("pruning fraction must be in [0, 1], got " + fraction);
        }
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(weights)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /**
     * @param t a tensor
     * @param j flat index
     * @return |μ_j| / σ_j in double (0 when μ_j = 0; +∞ when σ_j = 0 &lt; |μ_j|)
     */
    public static double snr(GaussianTensor t, int j) {
        double mu = Math.abs(t.mu().value().data[j]);
        if (mu == 0) {
            return 0;
        }
        double sigma = t.sigmaAt(j);
        return sigma == 0 ? Double.POSITIVE_INFINITY : mu / sigma;
    }

    /**
     * @param layers Gaussian layers
     * @return number of weights (not biases) of the layers
     */
    public static int weightCount(List<GaussianAffineLayer> layers) {
        long n = 0;
        for (GaussianAffineLayer layer : layers) {
            n += layer.weight().size();
        }
        return Math.toIntExact(n);
    }

    /**
     * @param layers Gaussian layers
     * @return number of biases of the layers
     */
    public static int biasCount(List<GaussianAffineLayer> layers) {
        int n = 0;
        for (GaussianAffineLayer layer : layers) {
            n += layer.bias().size();
        }
        return n;
    }

    /**
     * @param layers the Gaussian layers, in network order
     * @return global weight indices in ascending SNR, ties by index
     */
    public static int[] rankBySnr(List<GaussianAffineLayer> layers) {
        int total = weightCount(layers);
        double[] snr = new double[total];
        int g = 0;
        for (GaussianAffineLayer layer : layers) {
            GaussianTensor w = layer.weight();
            for (int j = 0; j < w.size(); j++) {
                snr[g++] = snr(w, j);
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(snr[a], snr[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[total];
        for (int i = 0; i < total; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /**
     * @param trained a network of Gaussian layers (left unchanged)
     * @param ranking {@link #rankBySnr} of its layers
     * @param count   how many of the lowest-SNR weights to remove
     * @return a deep copy with {@code ranking[0..count)} removed
     */
    public static Network prunedCopy(Network trained, int[] ranking, int count) {
        Network copy = trained.copy();
        List<GaussianAffineLayer> layers = GaussianLayers.of(copy);
        int[] offsets = new int[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            offsets[l + 1] = offsets[l] + layers.get(l).weight().size();
        }
        for (int r = 0; r < count; r++) {
            int g = ranking[r];
            int l = 0;
            while (g >= offsets[l + 1]) {
                l++;
            }
            layers.get(l).weight().remove(g - offsets[l]);
        }
        return copy;
    }
}
