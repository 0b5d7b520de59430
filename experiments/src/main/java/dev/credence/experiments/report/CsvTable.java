package dev.credence.experiments.report;

import java.util.List;

/** Renders a {@link Table} as RFC 4180 CSV with its machine-readable values (plain numbers, no bold). */
final class CsvTable {
    private CsvTable() {
    }

    static String render(Table t) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Table.Column c : t.columns()) {
            for (String n : c.csvNames()) {
                sb.append(first ? "" : ",").append(quote(n));
                first = false;
            }
        }
        sb.append("\r\n");
        for (List<List<Table.Cell>> block : t.blocks()) {
            for (List<Table.Cell> row : block) {
                first = true;
                for (int i = 0; i < row.size(); i++) {
                    List<String> values = row.get(i).csv();
                    int expected = t.columns().get(i).csvNames().size();
                    for (int j = 0; j < expected; j++) {
                        sb.append(first ? "" : ",").append(quote(j < values.size() ? values.get(j) : ""));
                        first = false;
                    }
                }
                sb.append("\r\n");
            }
        }
        return sb.toString();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
