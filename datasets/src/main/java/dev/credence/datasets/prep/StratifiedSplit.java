package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;

/**
 * Seeded stratified splits. For each class with n_c examples, a held-out part with fraction f &gt; 0 gets
 * max(1, round(f · n_c)) examples and the remainder stays in the main part, which keeps at least 1.
 * Within a class the rows are assigned after a seeded permutation (one child stream per class, in class
 * order); every output lists its rows in ascending original order.
 */
public final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /**
     * The result of a two-way split.
     *
     * @param rest the main part (what is left)
     * @param part the held-out part
     */
    public record Split(DenseData rest, DenseData part) {
    }

    /**
     * Splits off one held-out part.
     *
     * @param data     the data
     * @param fraction held-out fraction per class, in [0, 1)
     * @param rng      randomness
     * @return (rest, part)
     * @throws CredenceInputException if a class has too few examples (message names it)
     */
    public static Split split(DenseData data, double fraction, Rng rng) {
        return split(data, fraction, "held-out", rng);
    }

    /**
     * Splits off one held-out part, naming it in error messages (e.g. "test" or "validation").
     *
     * @param data     the data
     * @param fraction held-out fraction per class, in [0, 1)
     * @param partName name of the held-out part for messages
     * @param rng      randomness
     * @return (rest, part)
     * @throws CredenceInputException if a class has too few examples (message names it)
     */
    public static Split split(DenseData data, double fraction, String partName, Rng rng) {
        DenseData[] parts = partition(data, new double[] {fraction}, new String[] {partName}, rng);
        return new Split(parts[0], parts[1]);
    }

    /**
     * Splits into a main part plus one part per fraction.
     *
     * @param data      the data
     * @param fractions held-out fractions per class, each in [0, 1), sum &lt; 1
     * @param partNames names of the held-out parts, for messages
     * @param rng       randomness
     * @return {@code [main, part_0, part_1, ...]}
     * @throws CredenceInputException on bad fractions, or if a class cannot give every part one example
     */
    public static DenseData[] partition(DenseData data, double[] fractions, String[] partNames, Rng rng) {
        if (fractions.length != partNames.length) {
            throw new IllegalArgumentException("fractions and partNames differ in length");
        }
        double sum = 0;
        for (int p = 0; p < fractions.length; p++) {
            double f = fractions[p];
            if (!(f >= 0 && f < 1)) {
                throw new CredenceInputException(partNames[p] + " fraction must be in [0, 1), got " + f);
            }
            sum += f;
        }
        if (sum >= 1) {
            throw new CredenceInputException("the held-out fractions (" + String.join(", ", partNames) + ") sum to "
                    + sum + "; they must sum to less than 1");
        }
        int k = data.numClasses();
        int[] counts = data.classCounts();
        int[][] byClass = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] y = data.y();
        for (int i = 0; i < y.length; i++) {
            byClass[y[i]][fill[y[i]]++] = i;
        }
        int numParts = fractions.length + 1;
        int[] assign = new int[y.length];
        for (int c = 0; c < k; c++) {
            Rng classRng = rng.split();
            int[] sizes = partSizes(counts[c], fractions);
            if (sizes == null) {
                throw tooFew(data.classNames().get(c), counts[c], fractions, partNames);
            }
            int[] rows = byClass[c];
            classRng.shuffle(rows);
            int pos = 0;
            for (int p = 1; p < numParts; p++) {
                for (int i = 0; i < sizes[p]; i++) {
                    assign[rows[pos++]] = p;
                }
            }
            // the rest of the permuted rows stay in part 0
        }
        int[] sizes = new int[numParts];
        for (int a : assign) {
            sizes[a]++;
        }
        int[][] rows = new int[numParts][];
        for (int p = 0; p < numParts; p++) {
            rows[p] = new int[sizes[p]];
        }
        int[] at = new int[numParts];
        for (int i = 0; i < assign.length; i++) {
            rows[assign[i]][at[assign[i]]++] = i;
        }
        DenseData[] out = new DenseData[numParts];
        for (int p = 0; p < numParts; p++) {
            out[p] = data.select(rows[p]);
        }
        return out;
    }

    /**
     * The per-class part sizes: {@code [main, part_0, ...]}. A part with fraction &gt; 0 gets
     * max(1, round(f·n)); if rounding leaves the main part empty, the largest held-out parts give back one
     * example each (last part first) until the main part has one.
     *
     * @param n         examples of the class
     * @param fractions held-out fractions
     * @return the sizes, or null if n is smaller than 1 + the number of parts with fraction &gt; 0
     *         (a class with n = 0 gets all zeros)
     */
    public static int[] partSizes(int n, double[] fractions) {
        int[] sizes = new int[fractions.length + 1];
        if (n == 0) {
            return sizes;
        }
        int needed = 1;
        int held = 0;
        for (int p = 0; p < fractions.length; p++) {
            if (fractions[p] > 0) {
                needed++;
                sizes[p + 1] = Math.max(1, (int) Math.round(fractions[p] * n));
                held += sizes[p + 1];
            }
        }
        if (n < needed) {
            return null;
        }
        while (n - held < 1) {
            int biggest = -1;
            for (int p = sizes.length - 1; p >= 1; p--) {
                if (sizes[p] > 1 && (biggest < 0 || sizes[p] > sizes[biggest])) {
                    biggest = p;
                }
            }
            sizes[biggest]--;
            held--;
        }
        sizes[0] = n - held;
        return sizes;
    }

    private static CredenceInputException tooFew(String className, int n, double[] fractions, String[] partNames) {
        StringBuilder parts = new StringBuilder("the kept part");
        int needed = 1;
        for (int p = 0; p < fractions.length; p++) {
            if (fractions[p] > 0) {
                parts.append(" + ").append(partNames[p]);
                needed++;
            }
        }
        return new CredenceInputException("class '" + className + "' has " + n + " example(s) but a stratified split needs at least "
                + needed + " (one each for " + parts + ")");
    }
}
