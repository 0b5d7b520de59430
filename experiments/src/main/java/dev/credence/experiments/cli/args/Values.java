package dev.credence.experiments.cli.args;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Map;

/**
 * Converters of option values, for picocli's {@code converter} attribute. Each message says what was expected;
 * {@link Args} puts the command, the option and the value in front: {@code bench: --batch '0': expected a whole
 * number ≥ 1}.
 */
public final class Values {
    private Values() {
    }

    /** A whole number in [min, max]. */
    public abstract static class WholeIn implements ITypeConverter<Integer> {
        private final int min;
        private final int max;
        private final String note;

        /**
         * @param min  the least value
         * @param max  the largest value
         * @param note why, or "" (a leading space is added)
         */
        protected WholeIn(int min, int max, String note) {
            this.min = min;
            this.max = max;
            this.note = note.isEmpty() ? "" : " " + note;
        }

        @Override
        public Integer convert(String value) {
            try {
                int v = Integer.parseInt(value.strip());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected a whole number "
                    + (max == Integer.MAX_VALUE ? "≥ " + min : "in " + min + ".." + max) + note);
        }
    }

    /** A whole number ≥ 1. */
    public static final class Positive extends WholeIn {
        /** The range. */
        public Positive() {
            super(1, Integer.MAX_VALUE, "");
        }
    }

    /** Any whole number (a seed). */
    public static final class Whole implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected a whole number");
            }
        }
    }

    /** A number of seconds in [0, 3600]. */
    public static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double v = Double.parseDouble(value.strip());
                if (v >= 0 && v <= 3600) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected a number of seconds in [0, 3600]");
        }
    }

    /** {@code NAME=VALUE}, the name stripped. */
    public static final class Pair implements ITypeConverter<Map.Entry<String, String>> {
        @Override
        public Map.Entry<String, String> convert(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0 || value.substring(0, eq).isBlank()) {
                throw new TypeConversionException("expected NAME=VALUE");
            }
            return Map.entry(value.substring(0, eq).strip(), value.substring(eq + 1));
        }
    }
}
