package dev.credence.experiments.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report table, independent of its output format. Each cell has a display text (Markdown; LaTeX converts it),
 * a bold flag, and its machine-readable CSV values (one per CSV column of its table column). Rows come in
 * blocks (one per dataset) that LaTeX separates with a rule.
 *
 * @param name    file name without extension, e.g. "summary"
 * @param caption one-line caption
 * @param columns the columns
 * @param blocks  row blocks; each row has one cell per column
 */
record Table(String name, String caption, List<Column> columns, List<List<List<Cell>>> blocks) {

    /**
     * @param title    display title (Markdown)
     * @param latex    LaTeX title
     * @param csvNames names of the CSV columns this column expands to
     * @param numeric  whether to right-align
     */
    record Column(String title, String latex, List<String> csvNames, boolean numeric) {
        static Column text(String title, String csvName) {
            return new Column(title, Latex.escape(title), List.of(csvName), false);
        }
    }

    /**
     * @param text display text
     * @param bold whether it is the best of its block
     * @param csv  CSV values
     */
    record Cell(String text, boolean bold, List<String> csv) {
        static Cell text(String s) {
            return new Cell(s, false, List.of(s));
        }
    }

    /** Accumulates blocks of rows. */
    static final class Builder {
        private final String name;
        private final String caption;
        private final List<Column> columns;
        private final List<List<List<Cell>>> blocks = new ArrayList<>();

        Builder(String name, String caption, List<Column> columns) {
            this.name = name;
            this.caption = caption;
            this.columns = columns;
        }

        void block(List<List<Cell>> rows) {
            if (!rows.isEmpty()) {
                for (List<Cell> r : rows) {
                    if (r.size() != columns.size()) {
                        throw new IllegalStateException("row of " + r.size() + " cells for " + columns.size() + " columns");
                    }
                }
                blocks.add(List.copyOf(rows));
            }
        }

        Table build() {
            return new Table(name, caption, List.copyOf(columns), List.copyOf(blocks));
        }
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }
}
