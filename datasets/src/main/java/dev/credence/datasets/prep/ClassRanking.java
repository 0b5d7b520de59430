package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The order in which an {@link ImbalanceProfile} ranks classes, largest first (PROTOCOL.md, "Imbalance profiles"): a
 * permutation of the class ids 0..C-1 whose entry r is the class at rank r. By default classes are ranked by their size
 * in the source data, ties broken by class id (the source's own class order); a dataset may give the order by label
 * instead ({@code class_order}).
 */
public final class ClassRanking {
    /** The suite field that gives the order by label. */
    public static final String FIELD = "class_order";

    private ClassRanking() {
    }

    /**
     * @param counts examples per class id in the source data
     * @return the class ids by count, largest first, ties by class id
     */
    public static int[] bySize(int[] counts) {
        return IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -counts[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param order      labels, largest-first rank
     * @param classNames the data's class names, index = class id
     * @return the class ids in that order
     * @throws CredenceInputException (one line, naming {@value #FIELD}) unless {@code order} lists every class name
     *                                exactly once
     */
    public static int[] of(List<String> order, List<String> classNames) {
        Map<String, Integer> ids = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            ids.put(classNames.get(c), c);
        }
        int[] ranking = new int[order.size()];
        boolean[] seen = new boolean[classNames.size()];
        for (int r = 0; r < order.size(); r++) {
            String label = order.get(r);
            Integer id = label == null ? null : ids.get(label);
            if (id == null) {
                throw new CredenceInputException("field '" + FIELD + "' lists " + (label == null ? "null" : "'" + label + "'")
                        + ", which is not a class of the data; its classes are " + quoted(classNames));
            }
            if (seen[id]) {
                throw new CredenceInputException("field '" + FIELD + "' lists '" + label + "' twice; give every class exactly"
                        + " once: " + quoted(classNames));
            }
            seen[id] = true;
            ranking[r] = id;
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                missing.add(classNames.get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new CredenceInputException("field '" + FIELD + "' leaves out " + quoted(missing)
                    + "; give every class exactly once: " + quoted(classNames));
        }
        return ranking;
    }

    /**
     * @param ranking a ranking
     * @return whether it is the class id order 0, 1, ..., C-1
     */
    public static boolean isIdentity(int[] ranking) {
        for (int r = 0; r < ranking.length; r++) {
            if (ranking[r] != r) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param ranking    a ranking
     * @param classNames class names, index = class id
     * @return the class names in rank order
     */
    public static List<String> labels(int[] ranking, List<String> classNames) {
        return Arrays.stream(ranking).mapToObj(classNames::get).toList();
    }

    /**
     * @param ranking    a claimed ranking
     * @param numClasses C
     * @throws IllegalArgumentException unless it is a permutation of 0..C-1
     */
    static void requirePermutation(int[] ranking, int numClasses) {
        if (ranking.length != numClasses) {
            throw new IllegalArgumentException("a ranking of " + numClasses + " classes has " + ranking.length + " entries");
        }
        boolean[] seen = new boolean[numClasses];
        for (int c : ranking) {
            if (c < 0 || c >= numClasses || seen[c]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (numClasses - 1) + ": "
                        + Arrays.toString(ranking));
            }
            seen[c] = true;
        }
    }

    private static String quoted(List<String> labels) {
        return String.join(", ", labels.stream().map(l -> "'" + l + "'").toList());
    }
}
