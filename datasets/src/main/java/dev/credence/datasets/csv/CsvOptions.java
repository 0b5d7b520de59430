package dev.credence.datasets.csv;

import dev.credence.core.CredenceInputException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a CSV is read into a table: which column holds the class, what to do with a missing cell, and which
 * columns hold categories to one-hot encode. A cell is missing when, trimmed of surrounding whitespace, it is
 * empty, {@code ?} or {@code NA} (in any column, the label's too).
 *
 * @param labelColumn the header name of the class column (exact, case-sensitive); default {@code label}
 * @param missing     what a missing cell does; default {@link Missing#ERROR}
 * @param categorical header names of the columns to one-hot encode, in any order; default none
 */
public record CsvOptions(String labelColumn, Missing missing, List<String> categorical) {
    /** The default label column. */
    public static final String DEFAULT_LABEL_COLUMN = "label";

    /** What a missing cell does. */
    public enum Missing {
        /** the first missing cell is an error naming its line and column */
        ERROR,
        /** a row with any missing cell is left out; the source reports how many were */
        DROP_ROWS;

        /** @return the suite's spelling, {@code error} or {@code drop_rows} */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param text {@code error} or {@code drop_rows}
         * @return the choice
         * @throws CredenceInputException for any other text, naming the choices
         */
        public static Missing parse(String text) {
            for (Missing m : values()) {
                if (m.jsonName().equals(text)) {
                    return m;
                }
            }
            throw new CredenceInputException("'missing' must be \"error\" or \"drop_rows\", got '" + text + "'");
        }
    }

    /**
     * Checks the names: a non-empty label column, no categorical column listed twice or naming the label column.
     */
    public CsvOptions {
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(missing, "missing");
        categorical = List.copyOf(categorical);
        if (labelColumn.isEmpty()) {
            throw new CredenceInputException("'label_column' is empty; give the header name of the class column");
        }
        Set<String> seen = new HashSet<>();
        for (String c : categorical) {
            if (c.equals(labelColumn)) {
                throw new CredenceInputException("'categorical' lists the label column '" + c
                        + "'; class names are never one-hot encoded");
            }
            if (!seen.add(c)) {
                throw new CredenceInputException("'categorical' lists column '" + c + "' twice");
            }
        }
    }

    /** @return label column {@code label}, missing cells an error, no categorical columns */
    public static CsvOptions defaults() {
        return new CsvOptions(DEFAULT_LABEL_COLUMN, Missing.ERROR, List.of());
    }

    /** @return whether these are {@link #defaults()} */
    public boolean isDefault() {
        return equals(defaults());
    }

    /**
     * @param cell a cell as parsed (unquoted)
     * @return whether it counts as missing: empty, {@code ?} or {@code NA} once trimmed
     */
    public static boolean isMissing(String cell) {
        String t = CsvCells.trim(cell);
        return t.isEmpty() || t.equals("?") || t.equals("NA");
    }
}
