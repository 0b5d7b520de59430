package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How training data is made imbalanced (PROTOCOL.md, "Imbalance profiles"). Classes are ranked largest first by a
 * {@link ClassRanking} (by default their size in the given counts, ties by class id); with n_max the size of the
 * largest class, C classes and r = 0..C-1 a class's rank:
 * <ul>
 *   <li>{@code natural}: the data as it is;</li>
 *   <li>{@code longtail(rho)}: the class at rank r keeps floor(n_max · rho^(−r/(C−1)));</li>
 *   <li>{@code step(mu, rho)}: the classes at the last round(mu·C) ranks keep floor(n_max / rho), the others all.</li>
 * </ul>
 * A class never keeps more than it has and never fewer than 1 (if it has any). The kept examples of a
 * class are the first n_c of its rows after a seeded permutation; the result lists rows in ascending
 * original order. {@code toString()} gives the canonical text that {@link #parse(String)} reads.
 */
public sealed interface ImbalanceProfile {

    /**
     * @param available rows per class id
     * @return rows kept per class id, classes ranked by {@link ClassRanking#bySize(int[])} of {@code available}
     */
    default int[] targetCounts(int[] available) {
        return targetCounts(available, ClassRanking.bySize(available));
    }

    /**
     * @param available rows per class id
     * @param ranking   class ids, largest first (a permutation of 0..C-1)
     * @return rows kept per class id
     */
    int[] targetCounts(int[] available, int[] ranking);

    /**
     * Subsamples the classes to {@link #targetCounts(int[])}, ranked by their size in {@code data}.
     *
     * @param data the (training) data
     * @param rng  source of the per-class permutations
     * @return the kept rows ({@link #apply(DenseData, int[], Rng)})
     */
    default DenseData apply(DenseData data, Rng rng) {
        return apply(data, ClassRanking.bySize(data.classCounts()), rng);
    }

    /**
     * Subsamples the classes to {@link #targetCounts(int[], int[])}.
     *
     * @param data    the data
     * @param ranking class ids, largest first (a permutation of 0..C-1)
     * @param rng     source of the per-class permutations; one child stream is split per class, in class id order
     *                (whatever the ranking)
     * @return the kept rows in ascending original order ({@code natural} returns {@code data} itself)
     */
    default DenseData apply(DenseData data, int[] ranking, Rng rng) {
        int[] available = data.classCounts();
        int[] target = targetCounts(available, ranking);
        int k = available.length;
        int[][] byClass = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[available[c]];
        }
        int[] y = data.y();
        for (int i = 0; i < y.length; i++) {
            byClass[y[i]][fill[y[i]]++] = i;
        }
        boolean[] keep = new boolean[y.length];
        int total = 0;
        for (int c = 0; c < k; c++) {
            Rng classRng = rng.split();
            int[] rows = byClass[c];
            if (target[c] < rows.length) {
                classRng.shuffle(rows);
            }
            for (int i = 0; i < target[c]; i++) {
                keep[rows[i]] = true;
            }
            total += target[c];
        }
        int[] selected = new int[total];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                selected[j++] = i;
            }
        }
        return data.select(selected);
    }

    /**
     * Reads {@code natural}, {@code longtail(rho)} or {@code step(mu,rho)}; case and whitespace are ignored.
     *
     * @param text the profile text
     * @return the profile
     * @throws CredenceInputException (one line, naming the bad value) for anything else, rho &lt; 1 or mu
     *                                outside [0, 1]
     */
    static ImbalanceProfile parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CredenceInputException("imbalance profile is empty; expected natural, longtail(rho) or step(mu,rho)");
        }
        String shown = text.strip().replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("\\s*([A-Za-z_-]+)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL).matcher(text);
        if (!m.matches()) {
            throw new CredenceInputException("imbalance profile '" + shown
                    + "' is not understood; expected natural, longtail(rho) or step(mu,rho)");
        }
        String kind = m.group(1).toLowerCase(Locale.ROOT);
        String inside = m.group(2);
        String[] args = inside == null || inside.isBlank() ? new String[0] : inside.split(",", -1);
        switch (kind) {
            case "natural":
                expectArgs(shown, "natural", args, 0, "");
                return new Natural();
            case "longtail":
                expectArgs(shown, "longtail", args, 1, "(rho)");
                return new LongTail(number(shown, "rho", args[0]));
            case "step":
                expectArgs(shown, "step", args, 2, "(mu,rho)");
                return new Step(number(shown, "mu", args[0]), number(shown, "rho", args[1]));
            default:
                throw new CredenceInputException("imbalance profile '" + shown + "': unknown kind '" + m.group(1)
                        + "'; expected natural, longtail(rho) or step(mu,rho)");
        }
    }

    private static void expectArgs(String shown, String kind, String[] args, int n, String form) {
        if (args.length != n) {
            throw new CredenceInputException("imbalance profile '" + shown + "': " + kind + form + " takes " + n
                    + " argument(s), got " + args.length);
        }
    }

    private static double number(String shown, String field, String raw) {
        String s = raw.strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CredenceInputException("imbalance profile '" + shown + "': " + field + " '" + s + "' is not a number");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int clamp(double wanted, int available) {
        int n = (int) Math.min(wanted, available);
        return available > 0 ? Math.max(1, n) : 0;
    }

    private static void checkRho(double rho, String profile) {
        if (!(rho >= 1) || Double.isInfinite(rho)) {
            throw new CredenceInputException("imbalance profile '" + profile + "': rho must be a finite number >= 1, got "
                    + fmt(rho));
        }
    }

    /** The data as it is. */
    record Natural() implements ImbalanceProfile {
        @Override
        public int[] targetCounts(int[] available, int[] ranking) {
            ClassRanking.requirePermutation(ranking, available.length);
            return available.clone();
        }

        @Override
        public DenseData apply(DenseData data, int[] ranking, Rng rng) {
            ClassRanking.requirePermutation(ranking, data.numClasses());
            return data;
        }

        @Override
        public String toString() {
            return "natural";
        }
    }

    /**
     * Exponential long tail over the class ranks.
     *
     * @param rho imbalance ratio n_max / n_min, >= 1 (1 = balanced)
     */
    record LongTail(double rho) implements ImbalanceProfile {
        /**
         * Checks rho.
         *
         * @param rho imbalance ratio, >= 1
         */
        public LongTail {
            checkRho(rho, "longtail(" + fmt(rho) + ")");
        }

        @Override
        public int[] targetCounts(int[] available, int[] ranking) {
            ClassRanking.requirePermutation(ranking, available.length);
            int c = available.length;
            int nMax = max(available);
            int[] out = new int[c];
            for (int r = 0; r < c; r++) {
                int k = ranking[r];
                double wanted = c == 1 ? available[k] : Math.floor(nMax * Math.pow(rho, -(double) r / (c - 1)));
                out[k] = clamp(wanted, available[k]);
            }
            return out;
        }

        @Override
        public String toString() {
            return "longtail(" + fmt(rho) + ")";
        }
    }

    /**
     * Step imbalance (Buda et al. 2018).
     *
     * @param mu  fraction of classes that are minority classes, in [0, 1]
     * @param rho imbalance ratio, >= 1
     */
    record Step(double mu, double rho) implements ImbalanceProfile {
        /**
         * Checks mu and rho.
         *
         * @param mu  fraction of minority classes, in [0, 1]
         * @param rho imbalance ratio, >= 1
         */
        public Step {
            if (!(mu >= 0 && mu <= 1)) {
                throw new CredenceInputException("imbalance profile 'step(" + fmt(mu) + "," + fmt(rho)
                        + ")': mu must be in [0, 1], got " + fmt(mu));
            }
            checkRho(rho, "step(" + fmt(mu) + "," + fmt(rho) + ")");
        }

        @Override
        public int[] targetCounts(int[] available, int[] ranking) {
            ClassRanking.requirePermutation(ranking, available.length);
            int c = available.length;
            int nMax = max(available);
            long minority = Math.round(mu * c);
            int[] out = new int[c];
            for (int r = 0; r < c; r++) {
                int k = ranking[r];
                boolean isMinority = r >= c - minority;
                double wanted = isMinority ? Math.floor(nMax / rho) : available[k];
                out[k] = clamp(wanted, available[k]);
            }
            return out;
        }

        @Override
        public String toString() {
            return "step(" + fmt(mu) + "," + fmt(rho) + ")";
        }
    }
}
