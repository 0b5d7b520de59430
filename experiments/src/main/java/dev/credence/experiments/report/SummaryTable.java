package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plain Markdown table printed after a run: mean ± sample std over seeds of the headline metrics per
 * dataset × method, the best of each dataset in bold by the rule of {@link BestMarks}, and runs whose loss still
 * moved at the end ({@link Convergence}) counted as not converged. Diverged and failed runs are counted and left
 * out of the means; stale results (kept with {@code --keep-stale}) are listed under the table and never averaged in.
 */
public final class SummaryTable {
    /** Metrics shown, as protocol metric keys. */
    public static final List<String> COLUMNS = List.of("accuracy", "balanced_accuracy", "nll", "ece", "brier");

    private SummaryTable() {
    }

    /**
     * @param results current run results (any order)
     * @return the Markdown table, rows in order of first appearance
     */
    public static String markdown(List<RunResult> results) {
        return markdown(results, List.of());
    }

    /**
     * @param results current run results (any order)
     * @param stale   stale results, listed by run id
     * @return the Markdown table, rows in order of first appearance, then the failed and stale runs
     */
    public static String markdown(List<RunResult> results, List<RunResult> stale) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.dataset().name() + "\u0000" + r.method().name();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("| dataset | method | seeds |");
        COLUMNS.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append(" not converged |");
        sb.append("\n|---|---|---|");
        COLUMNS.forEach(c -> sb.append("---|"));
        sb.append("---|");
        sb.append('\n');
        Map<String, Set<String>> best = best(groups);
        for (Map.Entry<String, List<RunResult>> g : groups.entrySet()) {
            String[] key = g.getKey().split("\u0000", -1);
            List<RunResult> ok = g.getValue().stream().filter(RunResult::ok).toList();
            long notConverged = ok.stream().filter(Convergence::notConverged).count();
            long diverged = g.getValue().stream().filter(RunResult::diverged).count();
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
                double[] v = ok.stream().mapToDouble(r -> value(r, c)).toArray();
                String text = v.length == 0 ? (diverged > 0 ? "diverged" : "failed") : meanStd(v);
                boolean bold = best.getOrDefault(key[0] + "\u0000" + c, Set.of()).contains(key[1]);
                sb.append(' ').append(bold ? "**" + text + "**" : text).append(" |");
            }
            sb.append(' ').append(notConverged).append(" |");
            sb.append('\n');
        }
        List<String> failedLines = new ArrayList<>();
        for (RunResult r : results) {
            if (r.failed()) {
                failedLines.add("- " + r.runId() + ": " + r.error().message());
            }
        }
        if (!failedLines.isEmpty()) {
            sb.append("\nFailed runs:\n");
            failedLines.forEach(l -> sb.append(l).append('\n'));
        }
        sb.append("\nIn bold: ").append(BestMarks.RULE).append(". Not converged: the ok runs whose ").append(Convergence.RULE)
                .append(".\n");
        if (!stale.isEmpty()) {
            sb.append("\nStale results (configuration or data changed since they were made; kept, not averaged): ");
            List<String> ids = new ArrayList<>();
            stale.forEach(r -> ids.add(r.runId()));
            sb.append(String.join(", ", ids)).append('\n');
        }
        return sb.toString();
    }

    /** @return per dataset and column (dataset, NUL, metric key), the methods marked best */
    private static Map<String, Set<String>> best(Map<String, List<RunResult>> groups) {
        Map<String, Map<String, Map<Long, Double>>> byDataset = new LinkedHashMap<>();
        groups.forEach((k, rs) -> {
            String[] key = k.split("\u0000", -1);
            for (String c : COLUMNS) {
                Map<Long, Double> bySeed = new LinkedHashMap<>();
                rs.stream().filter(RunResult::ok).forEach(r -> {
                    Double v = r.metrics().metric(c);
                    if (v != null) {
                        bySeed.putIfAbsent(r.seed(), v);
                    }
                });
                byDataset.computeIfAbsent(key[0] + "\u0000" + c, x -> new LinkedHashMap<>()).put(key[1], bySeed);
            }
        });
        Map<String, Set<String>> out = new LinkedHashMap<>();
        byDataset.forEach((k, values) -> out.put(k, BestMarks.marked(Metric.of(k.substring(k.indexOf('\u0000') + 1))
                .direction(), values)));
        return out;
    }

    /** @return a metric of an ok run as the table averages it: 0 when the metric is undefined or missing */
    private static double value(RunResult r, String key) {
        Double v = r.metrics().values().get(key);
        return v == null ? 0.0 : v;
    }

    /** @return a name as a Markdown table cell (a '|' in it would end the cell) */
    private static String cell(String name) {
        return name.replace("|", "\\|");
    }

    /** @return "mean ± std" with 4 decimals (std over seeds, n − 1 denominator), or the value alone for one seed */
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
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%.4f", mean);
        }
        double std = Math.sqrt(ss / (v.length - 1));
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
