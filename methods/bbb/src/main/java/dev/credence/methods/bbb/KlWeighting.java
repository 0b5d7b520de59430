package dev.credence.methods.bbb;

import java.util.Locale;

/**
 * How the KL term is spread over the M minibatches of an epoch. Minibatch i (1-based) of size B_i minimises
 * mean CE + β·c_i·KL, where c_i is {@link #lossFactor}; on the summed-CE scale (B_i · loss_i) the KL share of
 * minibatch i is π_i = B_i·c_i, and both schemes give Σ_i π_i = 1 per epoch (one whole KL per pass over the data).
 */
public enum KlWeighting {
    /**
     * c_i = 1/N_train (the protocol's loss = mean CE + KL/N_train), i.e. π_i = B_i/N ≈ 1/M.
     */
    uniform,
    /**
     * Blundell et al. (2015, eq. 9): π_i = 2^(M−i) / (2^M − 1), c_i = π_i / B_i. Early minibatches of an epoch
     * are dominated by the prior, later ones by the data. Computed in log space,
     * π_i = exp(−i·ln 2 − ln(1 − 2^−M)), so it stays finite for any M (it underflows to 0 for i &gt; ~1070).
     */
    blundell;

    /** @return the snake_case name ("uniform", "blundell") */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key "uniform" or "blundell"
     * @return the weighting
     */
    public static KlWeighting of(String key) {
        for (KlWeighting w : values()) {
            if (w.key().equals(key)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown KL weighting '" + key + "' (known: uniform, blundell)");
    }

    /**
     * Blundell's share of minibatch i: π_i = 2^(M−i) / (2^M − 1).
     *
     * @param i 1-based minibatch index, 1..M
     * @param m minibatches per epoch M ≥ 1
     * @return π_i in (0, 1] (may underflow to 0 for i &gt; ~1070)
     */
    public static double blundellShare(int i, int m) {
        if (m < 1 || i < 1 || i > m) {
            throw new IllegalArgumentException("need 1 ≤ i ≤ M, got i = " + i + ", M = " + m);
        }
        double ln2 = Math.log(2);
        // ln(2^M − 1) = M·ln 2 + ln(1 − 2^−M)
        return Math.exp(-i * ln2 - Math.log1p(-Math.exp(-m * ln2)));
    }

    /**
     * @param i         1-based minibatch index in the epoch
     * @param m         minibatches per epoch
     * @param batchSize rows of this minibatch B_i
     * @param trainSize N_train
     * @return c_i, the multiplier of the KL in this minibatch's per-example loss (before β)
     */
    public double lossFactor(int i, int m, int batchSize, int trainSize) {
        return switch (this) {
            case uniform -> 1.0 / trainSize;
            case blundell -> blundellShare(i, m) / batchSize;
        };
    }
}
