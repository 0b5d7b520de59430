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
 * dataset × method. Diverged runs are counted and left out of the means, never averaged in.
 */
public final class SummaryTable {
    /** Metrics shown, as JSON keys. */
    public static final List<String> COLUMNS = List.of("accuracy", "balanced_accuracy", "nll", "ece", "brier");

    private SummaryTable() {
    }

    /**
     * @param results run results (any order)
     * @return the Markdown table, rows in order of first appearance
     */
    public static String markdown(List<ObjectNode> results) {
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
            String[] key = g.getKey().split("\u0000");
            List<JsonNode> ok = g.getValue().stream().filter(r -> "ok".equals(r.path("status").asText())).toList();
            int diverged = g.getValue().size() - ok.size();
            sb.append("| ").append(key[0]).append(" | ").append(key[1]).append(" | ").append(ok.size());
            if (diverged > 0) {
                sb.append(" (+").append(diverged).append(" diverged)");
            }
            sb.append(" |");
            for (String c : COLUMNS) {
                double[] v = ok.stream().mapToDouble(r -> r.path("metrics").path(c).asDouble()).toArray();
                sb.append(' ').append(v.length == 0 ? "diverged" : meanStd(v)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
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
