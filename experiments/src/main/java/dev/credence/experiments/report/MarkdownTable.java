package dev.credence.experiments.report;

import java.util.List;

/** Renders a {@link Table} as a GitHub-flavoured Markdown table (bold as {@code **x**}, "|" escaped). */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static String render(Table t) {
        StringBuilder sb = new StringBuilder("|");
        for (Table.Column c : t.columns()) {
            sb.append(' ').append(escape(c.title())).append(" |");
        }
        sb.append("\n|");
        for (Table.Column c : t.columns()) {
            sb.append(c.numeric() ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<List<Table.Cell>> block : t.blocks()) {
            for (List<Table.Cell> row : block) {
                sb.append('|');
                for (Table.Cell cell : row) {
                    String s = escape(cell.text());
                    sb.append(' ').append(cell.bold() ? "**" + s + "**" : s).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
