package dev.credence.core.spi;

/** The Shannon entropy of a probability vector, in nats: the one definition every uncertainty figure uses. */
public final class Entropy {
    private Entropy() {
    }

    /**
     * @param p a probability vector
     * @return H(p) = &minus;&Sigma;_k p_k ln p_k, summed in index order, terms with p_k = 0 contributing 0
     */
    public static double of(double[] p) {
        double h = 0.0;
        for (double v : p) {
            if (v > 0.0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
