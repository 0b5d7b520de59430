package dev.credence.experiments.metrics;

/**
 * The equal-width binning rule of PROTOCOL.md: with B bins, a value c in [0, 1] goes to bin
 * b = the smallest b in 1..B with {@code c <= b / (double) B} (the double quotient). Bin b covers
 * ((b&minus;1)/B, b/B]; c = 0 goes to bin 1 and a value exactly on an edge to the lower bin (0.6 &rarr; bin 9 of 15).
 */
public final class ConfidenceBinning {

    /** The protocol's default number of bins. */
    public static final int DEFAULT_BINS = 15;
    /** The most bins a suite or the scorer may ask for (each bin is a row of the result's reliability table). */
    public static final int MAX_BINS = 10_000;

    private ConfidenceBinning() {
    }

    /**
     * @param c a value in [0, 1]
     * @param bins B &ge; 1
     * @return the 1-based bin of c
     */
    public static int binOf(double c, int bins) {
        checkBins(bins);
        if (!(c >= 0.0 && c <= 1.0)) {
            throw new IllegalArgumentException("value to bin must be in [0, 1], got " + c);
        }
        int b = (int) Math.ceil(c * bins);
        if (b < 1) {
            b = 1;
        } else if (b > bins) {
            b = bins;
        }
        // Settle on exactly the smallest b with c <= b / (double) B (b / (double) B is monotone in b).
        while (b > 1 && c <= (b - 1) / (double) bins) {
            b--;
        }
        while (b < bins && c > b / (double) bins) {
            b++;
        }
        return b;
    }

    /**
     * @param b 1-based bin
     * @param bins B
     * @return the lower edge (b&minus;1)/B
     */
    public static double lowerEdge(int b, int bins) {
        return (b - 1) / (double) bins;
    }

    /**
     * @param b 1-based bin
     * @param bins B
     * @return the upper edge b/B
     */
    public static double upperEdge(int b, int bins) {
        return b / (double) bins;
    }

    static void checkBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("number of bins must be >= 1, got " + bins);
        }
    }
}
