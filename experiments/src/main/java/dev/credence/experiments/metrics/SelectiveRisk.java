package dev.credence.experiments.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the risk&ndash;coverage curve (AURC, Geifman, Uziel &amp; El-Yaniv 2019) and its excess over the
 * oracle ordering (E-AURC). The confidence of example i is its maximum mean probability max_k p_{i,k}; the
 * examples are accepted most confident first, and the risk at coverage m / N is the error rate (argmax &ne; y)
 * of the m accepted:
 *
 * <pre>
 * AURC = (1/N) &Sigma;_{m=1..N} errors(m) / m,
 * </pre>
 *
 * <p><b>Ties.</b> Examples of equal confidence enter together as one block: for a block of g examples with e
 * errors, after E errors among the more confident ones, errors(m) = E + j&middot;e/g for the j-th position of the
 * block (j = 1..g), the errors spread pro rata over it. This is the mean of AURC over every order of the tied
 * examples (AURC is linear in each errors(m)), so it depends neither on the examples' order nor on a tie-break.
 *
 * <p><b>Oracle.</b> AURC* puts every correct prediction before every error: with E errors among N,
 * AURC* = (1/N) &Sigma;_{j=1..E} j / (N &minus; E + j); E-AURC = AURC &minus; AURC* (floored at 0 against
 * rounding; exactly 0 for the oracle's own order). Both are in [0, 1]; both are 0
 * when every prediction is right. The terms are added in one order (the blocks by confidence ascending, each
 * block's positions j ascending), here and in the streaming scorer ({@link Area}), so both give the same bits.
 */
public final class SelectiveRisk {

    private SelectiveRisk() {
    }

    /**
     * AURC and E-AURC of one set of predictions.
     *
     * @param aurc       AURC
     * @param excessAurc AURC &minus; AURC*
     */
    public record Result(double aurc, double excessAurc) {
    }

    /**
     * @param p predictions
     * @return their AURC and E-AURC, confidence = the maximum mean probability
     */
    public static Result of(ProbabilisticPredictions p) {
        int n = p.size();
        double[] conf = new double[n];
        boolean[] wrong = new boolean[n];
        long errors = 0;
        for (int i = 0; i < n; i++) {
            double[] row = p.meanProbs()[i];
            int pred = ClassificationMetrics.argmax(row);
            conf[i] = row[pred];
            wrong[i] = pred != p.labels()[i];
            errors += wrong[i] ? 1 : 0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> conf[i]));
        Area area = new Area(n, errors);
        int i = 0;
        while (i < n) {
            int j = i;
            long e = 0;
            while (j < n && conf[order[j]] == conf[order[i]]) {
                e += wrong[order[j]] ? 1 : 0;
                j++;
            }
            area.block(j - i, e);
            i = j;
        }
        return area.result();
    }

    /**
     * The AURC sum fed block by block, least confident block first, for N examples with E errors in all (the
     * streaming scorer feeds its sorted stream here, with each example counted by its bootstrap weight).
     */
    public static final class Area {
        private final long n;
        private final long errors;
        private long seen;
        private long seenErrors;
        private double sum;

        /**
         * @param n      N &ge; 1, the examples (or total weight) to come
         * @param errors E, the errors among them
         */
        public Area(long n, long errors) {
            if (n < 1 || errors < 0 || errors > n) {
                throw new IllegalArgumentException("need N >= 1 and 0 <= E <= N, got N = " + n + ", E = " + errors);
            }
            this.n = n;
            this.errors = errors;
        }

        /**
         * Adds the next block of tied confidence, in ascending order of confidence.
         *
         * @param size   g &ge; 1 examples in the block
         * @param wrong  e of them wrong
         */
        public void block(long size, long wrong) {
            if (size < 1 || wrong < 0 || wrong > size || seen + size > n || seenErrors + wrong > errors) {
                throw new IllegalArgumentException("block of " + size + " with " + wrong + " errors does not fit N = "
                        + n + ", E = " + errors + " after " + seen + " with " + seenErrors);
            }
            seen += size;
            seenErrors += wrong;
            long start = n - seen;
            long before = errors - seenErrors;
            double perPosition = (double) wrong / size;
            for (long j = 1; j <= size; j++) {
                sum += (before + j * perPosition) / (start + j);
            }
        }

        /** @return AURC and E-AURC once all N examples were fed */
        public Result result() {
            if (seen != n || seenErrors != errors) {
                throw new IllegalStateException("fed " + seen + " of " + n + " examples, " + seenErrors + " of "
                        + errors + " errors");
            }
            double aurc = sum / n;
            double oracle = 0.0;
            for (long j = 1; j <= errors; j++) {
                oracle += (double) j / (n - errors + j);
            }
            oracle /= n;
            return new Result(aurc, Math.max(0.0, aurc - oracle));
        }
    }
}
