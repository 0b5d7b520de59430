package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain Markdown table printed after a run: mean ± sample std over seeds of the headline metrics per
 * dataset × method. Diverged and failed runs are counted and left out of the means; stale results (kept with
 * {@code --keep-stale}) are listed under the table and never averaged in.
 */
public final class SummaryTable {
    /** Metrics shown, as JSON keys. */
    public static final List<String> COLUMNS = List.of("accuracy", "balanced_accuracy", "nll", "ece", "brier");

    private SummaryTable() {
    }

    /**
     * @param results current run results (any order)
     * @return the Markdown table, rows in order of first appearance
     */
    public static String markdown(List<ObjectNode> results) {
        return markdown(results, List.of());
    }

    /**
     * @param results current run results (any order)
     * @param stale   stale results, listed by run id
     * @return the Markdown table, rows in order of first appearance, then the failed and stale runs
     */
    public static String markdown(List<ObjectNode> results, List<ObjectNode> stale) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (ObjectNode r : results) {
            String key = r.path("dataset").path("name").asText() + "\u0000" + r.path("method").path("name").asText();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("| dataset | method | seeds |");
        COLUMNS.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|---|---|");
        COLUMNS.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (Map.Entry<String, List<JsonNode>> g : groups.entrySet()) {
            String[] key = g.getKey().split("\u0000", -1);
            List<JsonNode> ok = g.getValue().stream().filter(r -> "ok".equals(r.path("status").asText())).toList();
            long diverged = g.getValue().stream().filter(r -> "diverged".equals(r.path("status").asText())).count();
            long failed = g.getValue().size() - ok.size() - diverged;
            sb.append("| ").append(cell(key[0])).append(" | ").append(cell(key[1])).append(" | ").append(ok.size());
            if (diverged > 0) {
                sb.append(" (+").append(diverged).append(" diverged)");
            }
            if (failed > 0) {
                sb.append(" (+").append(failed).append(" failed)");
            }
            sb.append(" |");
            for (String c : COLUMNS) {
                double[] v = ok.stream().mapToDouble(r -> r.path("metrics").path(c).asDouble()).toArray();
                sb.append(' ').append(v.length == 0 ? (diverged > 0 ? "diverged" : "failed") : meanStd(v)).append(" |");
            }
            sb.append('\n');
        }
        List<String> failedLines = new ArrayList<>();
        for (ObjectNode r : results) {
            if ("failed".equals(r.path("status").asText())) {
                failedLines.add("- " + r.path("run_id").asText() + ": " + r.path("error").path("message").asText());
            }
        }
        if (!failedLines.isEmpty()) {
            sb.append("\nFailed runs:\n");
            failedLines.forEach(l -> sb.append(l).append('\n'));
        }
        if (!stale.isEmpty()) {
            sb.append("\nStale results (configuration or data changed since they were made; kept, not averaged): ");
            List<String> ids = new ArrayList<>();
            stale.forEach(r -> ids.add(r.path("run_id").asText()));
            sb.append(String.join(", ", ids)).append('\n');
        }
        return sb.toString();
    }

    /** @return a name as a Markdown table cell (a '|' in it would end the cell) */
    private static String cell(String name) {
        return name.replace("|", "\\|");
    }

    /** @return "mean ± std" with 4 decimals (std over seeds, n − 1 denominator; 0 for one seed) */
    static String meanStd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
