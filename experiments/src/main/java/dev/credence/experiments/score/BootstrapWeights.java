package dev.credence.experiments.score;

/**
 * The weights of the Poisson bootstrap, the streaming form of the bootstrap over examples (Hanley and MacGibbon
 * 2006; Chamandy et al. 2012): in replicate r &ge; 1, example i counts w_ir times, w_ir an independent Poisson(1)
 * draw, so a replicate is a resample of about N examples with replacement that needs no second look at the data.
 * Replicate 0 is the data itself (every weight 1). A weight is a function of (seed, i, r) alone (SplitMix64
 * hashing, then the inverse Poisson(1) CDF), so the weights of an example can be drawn again in any pass, in any
 * order.
 */
final class BootstrapWeights {
    /** P(W &le; k) for W ~ Poisson(1), k = 0..; the last entry is 1. */
    private static final double[] CDF = cdf();

    private final long seed;

    /** @param seed fixes every draw */
    BootstrapWeights(long seed) {
        this.seed = seed;
    }

    /**
     * @param example the example's index i
     * @param weights filled with w_i0 = 1, w_i1, ..., one per replicate
     */
    void fill(int example, int[] weights) {
        weights[0] = 1;
        long base = mix(seed + 0x9E3779B97F4A7C15L * (example + 1L));
        for (int r = 1; r < weights.length; r++) {
            weights[r] = poisson(mix(base + 0xD1B54A32D192ED03L * r));
        }
    }

    private static int poisson(long bits) {
        double u = (bits >>> 11) * 0x1.0p-53;
        int k = 0;
        while (u >= CDF[k]) {
            k++;
        }
        return k;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[] cdf() {
        double[] c = new double[40];
        double p = Math.exp(-1);
        double sum = p;
        c[0] = sum;
        for (int k = 1; k < c.length; k++) {
            p /= k;
            sum += p;
            c[k] = sum;
        }
        c[c.length - 1] = Double.POSITIVE_INFINITY; // u < 1 always stops by here
        return c;
    }
}
