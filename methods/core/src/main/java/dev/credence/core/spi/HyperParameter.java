package dev.credence.core.spi;

import java.util.List;

/**
 * A named hyperparameter of a method: its type, default, valid range or choices, and what it means.
 *
 * @param name         JSON key (snake_case)
 * @param type         value type
 * @param defaultValue default (Integer, Double, Boolean, String, List&lt;Integer&gt; or List&lt;Double&gt;; an
 *                     architecture: its name, or a list of layer maps)
 * @param min          lower bound for numbers (and for each list element), or null
 * @param minOpen      whether {@code min} itself is excluded
 * @param max          upper bound, or null
 * @param maxOpen      whether {@code max} itself is excluded
 * @param choices      allowed strings for {@link Type#CHOICE}, else empty
 * @param description  one sentence
 */
public record HyperParameter(String name, Type type, Object defaultValue, Double min, boolean minOpen, Double max,
                             boolean maxOpen, List<String> choices, String description) {

    /** The value types a suite can give. */
    public enum Type {
        /** a whole number */
        INT,
        /** a real number */
        DOUBLE,
        /** true or false */
        BOOLEAN,
        /** one of a fixed set of strings */
        CHOICE,
        /** a list of whole numbers */
        INT_LIST,
        /** a list of real numbers */
        DOUBLE_LIST,
        /** a network architecture: a name or a list of layer objects ({@link Architecture}) */
        ARCHITECTURE
    }

    /** Copies the choices. */
    public HyperParameter {
        choices = List.copyOf(choices);
    }

    /** @return an integer hyperparameter in [min, max] */
    public static HyperParameter integer(String name, int def, int min, int max, String description) {
        return new HyperParameter(name, Type.INT, def, (double) min, false, (double) max, false, List.of(), description);
    }

    /** @return a real hyperparameter in [min, max] */
    public static HyperParameter real(String name, double def, double min, double max, String description) {
        return new HyperParameter(name, Type.DOUBLE, def, min, false, max, false, List.of(), description);
    }

    /** @return a boolean hyperparameter */
    public static HyperParameter bool(String name, boolean def, String description) {
        return new HyperParameter(name, Type.BOOLEAN, def, null, false, null, false, List.of(), description);
    }

    /** @return a choice among fixed strings */
    public static HyperParameter choice(String name, String def, List<String> choices, String description) {
        return new HyperParameter(name, Type.CHOICE, def, null, false, null, false, choices, description);
    }

    /** @return a list of integers, each in [min, max] */
    public static HyperParameter intList(String name, List<Integer> def, int min, int max, String description) {
        return new HyperParameter(name, Type.INT_LIST, List.copyOf(def), (double) min, false, (double) max, false, List.of(), description);
    }

    /** @return a list of reals, each in [min, max] */
    public static HyperParameter realList(String name, List<Double> def, double min, double max, String description) {
        return new HyperParameter(name, Type.DOUBLE_LIST, List.copyOf(def), min, false, max, false, List.of(), description);
    }

    /** @return the valid values in words, e.g. "an integer in [1, 1000]" or "a number in (0, 1]" */
    public String domain() {
        return switch (type) {
            case INT -> "an integer in " + interval();
            case DOUBLE -> "a number in " + interval();
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a list of integers in " + interval();
            case DOUBLE_LIST -> "a list of numbers in " + interval();
            case ARCHITECTURE -> Architecture.DOMAIN;
        };
    }

    /**
     * @param v a number (or a list element)
     * @return whether it is finite and within the bounds
     */
    public boolean admits(double v) {
        if (!Double.isFinite(v)) {
            return false;
        }
        boolean aboveMin = min == null || (minOpen ? v > min : v >= min);
        boolean belowMax = max == null || (maxOpen ? v < max : v <= max);
        return aboveMin && belowMax;
    }

    private String interval() {
        return (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]");
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "?";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
}
