package dev.credence.experiments.report;

import dev.credence.experiments.metrics.ConfidenceBinning;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.results.PredictionsFile;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.score.ExampleBootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the report's tables from {@link ReportData}: summary (mean &plusmn; std), intervals (95% t-interval),
 * paired differences against map, one table per declared sweep and the list of diverged runs.
 */
final class ReportTables {
    private ReportTables() {
    }

    private static List<Table.Column> keyColumns(boolean seeds) {
        List<Table.Column> cols = new ArrayList<>();
        cols.add(Table.Column.text("dataset", "dataset"));
        cols.add(Table.Column.text("method", "method"));
        if (seeds) {
            cols.add(new Table.Column("seeds", "Seeds", List.of("runs_ok", "runs_diverged", "runs_not_converged"), true));
        }
        return cols;
    }

    private static Table.Cell seedsCell(ReportData.Group g) {
        int ok = g.ok().size();
        int div = g.diverged().size();
        long nc = g.ok().stream().filter(r -> Convergence.notConverged(r.result())).count();
        String text = ok + (div > 0 ? " (+" + div + " diverged)" : "") + (nc > 0 ? " ° " + nc + " not converged" : "");
        return new Table.Cell(text, false, List.of(String.valueOf(ok), String.valueOf(div), String.valueOf(nc)));
    }

    /** Caption of the summary table, with the rule that marks the best. */
    static final String SUMMARY_CAPTION = "Mean ± standard deviation over seeds (diverged runs excluded; in bold: "
            + BestMarks.RULE + "; MI is descriptive; a single seed shows its value alone; ° not converged: "
            + Convergence.RULE + ").";

    /** @return mean ± std per dataset × method; the best of each dataset block in bold ({@link BestMarks}) */
    static Table summary(ReportData data) {
        List<Table.Column> cols = keyColumns(true);
        for (Metric m : data.tableMetrics()) {
            cols.add(new Table.Column(m.label(), m.latex(), List.of(m.key() + "_mean", m.key() + "_std"), true));
        }
        Table.Builder b = new Table.Builder("summary", SUMMARY_CAPTION, cols);
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> gs = data.groups(d);
            Map<String, Set<String>> best = new HashMap<>();
            for (Metric m : data.tableMetrics()) {
                Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
                gs.forEach(g -> values.put(g.method().name(), g.bySeed(m.key())));
                best.put(m.key(), BestMarks.marked(m.direction(), values));
            }
            List<List<Table.Cell>> rows = new ArrayList<>();
            for (ReportData.Group g : gs) {
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.text(d.name()));
                row.add(Table.Cell.text(g.method().name()));
                row.add(seedsCell(g));
                for (Metric m : data.tableMetrics()) {
                    Stats.Summary s = g.metric(m.key());
                    if (s == null) {
                        row.add(new Table.Cell(g.ok().isEmpty() ? "diverged" : "—", false, List.of("", "")));
                    } else {
                        row.add(new Table.Cell(meanStd(s), best.get(m.key()).contains(g.method().name()),
                                List.of(Fmt.csv(s.mean()), s.n() > 1 ? Fmt.csv(s.std()) : "")));
                    }
                }
                rows.add(row);
            }
            b.block(rows);
        }
        return b.build();
    }

    /** @return "mean ± std", or just the mean for a single value */
    static String meanStd(Stats.Summary s) {
        return s.n() > 1 ? Fmt.num(s.mean()) + " ± " + Fmt.num(s.std()) : Fmt.num(s.mean());
    }

    /** @return the 95% t-interval per dataset × method */
    static Table intervals(ReportData data) {
        List<Table.Column> cols = keyColumns(false);
        cols.add(new Table.Column("n", "$n$", List.of("n"), true));
        for (Metric m : data.tableMetrics()) {
            cols.add(new Table.Column(m.label(), m.latex(), List.of(m.key() + "_ci_low", m.key() + "_ci_high"), true));
        }
        Table.Builder b = new Table.Builder("intervals", "95% t-interval of the mean over seeds, mean ± t(0.975, n−1)·s/√n,"
                + " clipped to the metric's range (— with a single seed).", cols);
        for (ReportData.Dataset d : data.datasets()) {
            List<List<Table.Cell>> rows = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.text(d.name()));
                row.add(Table.Cell.text(g.method().name()));
                row.add(Table.Cell.text(String.valueOf(g.ok().size())));
                for (Metric m : data.tableMetrics()) {
                    Stats.Summary s = m.clip(g.metric(m.key()));
                    row.add(s == null || !s.hasInterval() ? new Table.Cell("—", false, List.of("", ""))
                            : new Table.Cell("[" + Fmt.num(s.low()) + ", " + Fmt.num(s.high()) + "]", false,
                            List.of(Fmt.csv(s.low()), Fmt.csv(s.high()))));
                }
                rows.add(row);
            }
            b.block(rows);
        }
        return b.build();
    }

    /** Bootstrap replicates per run for {@link #examples}. */
    static final int EXAMPLE_REPLICATES = 200;
    /** The metrics of {@link #examples}. */
    static final List<String> EXAMPLE_KEYS = List.of("accuracy", "nll", "ece");

    /**
     * @return per dataset × method with stored predictions ({@link ReportData#predictions}): the half-width of the 95%
     *     bootstrap interval over test examples ({@value #EXAMPLE_REPLICATES} Poisson replicates seeded by the run
     *     seed, one interval per run, averaged over its runs), beside the half-width of the 95% t-interval over seeds;
     *     empty when no run stored predictions
     */
    static Table examples(ReportData data) {
        List<Table.Column> cols = keyColumns(false);
        cols.add(new Table.Column("runs", "Runs", List.of("runs_with_predictions"), true));
        for (String key : EXAMPLE_KEYS) {
            Metric m = Metric.of(key);
            cols.add(new Table.Column(m.label(), m.latex(), List.of(key + "_examples_half", key + "_seeds_half"), true));
        }
        Table.Builder b = new Table.Builder("examples", "Half-width of the 95% percentile bootstrap interval over test"
                + " examples (" + EXAMPLE_REPLICATES + " Poisson replicates per run, seeded by the run seed; the mean over"
                + " the runs with stored predictions), and in brackets the half-width of the 95% t-interval over seeds:"
                + " which of the two sources of variation dominates.", cols);
        for (ReportData.Dataset d : data.datasets()) {
            List<List<Table.Cell>> rows = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                List<Run> stored = g.ok().stream().filter(r -> data.predictions(r) != null).toList();
                if (!stored.isEmpty()) {
                    rows.add(examplesRow(data, d, g, stored));
                }
            }
            b.block(rows);
        }
        return b.build();
    }

    private static List<Table.Cell> examplesRow(ReportData data, ReportData.Dataset d, ReportData.Group g, List<Run> stored) {
        double[][] half = new double[EXAMPLE_KEYS.size()][stored.size()];
        for (int j = 0; j < stored.size(); j++) {
            Run r = stored.get(j);
            ProbabilisticPredictions p = PredictionsFile.read(data.predictions(r)).predictions();
            int bins = r.result().bins() == null ? ConfidenceBinning.DEFAULT_BINS : r.result().bins();
            Map<String, double[]> iv = ExampleBootstrap.intervals(p, bins, EXAMPLE_REPLICATES, r.seed(), EXAMPLE_KEYS);
            for (int i = 0; i < EXAMPLE_KEYS.size(); i++) {
                double[] lu = iv.get(EXAMPLE_KEYS.get(i));
                half[i][j] = lu == null ? Double.NaN : (lu[1] - lu[0]) / 2;
            }
        }
        List<Table.Cell> row = new ArrayList<>();
        row.add(Table.Cell.text(d.name()));
        row.add(Table.Cell.text(g.method().name()));
        row.add(Table.Cell.text(String.valueOf(stored.size())));
        for (int i = 0; i < EXAMPLE_KEYS.size(); i++) {
            Stats.Summary ex = Stats.summarize(Arrays.stream(half[i]).filter(Double::isFinite).toArray());
            Stats.Summary seeds = g.metric(EXAMPLE_KEYS.get(i));
            Double seedHalf = seeds != null && seeds.hasInterval() ? (seeds.high() - seeds.low()) / 2 : null;
            row.add(ex == null ? new Table.Cell("—", false, List.of("", ""))
                    : new Table.Cell("±" + Fmt.num(ex.mean()) + " (" + (seedHalf == null ? "—" : "±" + Fmt.num(seedHalf)) + ")",
                    false, List.of(Fmt.csv(ex.mean()), seedHalf == null ? "" : Fmt.csv(seedHalf))));
        }
        return row;
    }

    /** Caption of the paired table, with how significance and triviality are decided. */
    static final String PAIRED_CAPTION = "Paired difference method − " + ReportData.BASELINE
            + " over seeds run by both: mean [95% t-interval, clipped to the range a difference of the metric can take];"
            + " * significant after Holm's correction across every tested cell of the table (family-wise error "
            + PairedFamily.ALPHA + "); † trivial by construction (the reference is 0 on every seed, e.g. the mutual"
            + " information of a point estimate; or balanced accuracy on a balanced test set): left out of the family"
            + " and of the count.";

    /**
     * @return method − map per seed, mean and 95% interval, significance after Holm's correction across the table
     *     ({@link PairedFamily}); empty when the folder has no map runs
     */
    static Table paired(ReportData data) {
        List<Table.Column> cols = keyColumns(false);
        cols.add(new Table.Column("pairs", "Pairs", List.of("pairs"), true));
        for (Metric m : data.tableMetrics()) {
            cols.add(new Table.Column("Δ " + m.label(), "$\\Delta$ " + m.latex(),
                    List.of(m.key() + "_diff_mean", m.key() + "_diff_ci_low", m.key() + "_diff_ci_high",
                            m.key() + "_diff_p_holm"), true));
        }
        Table.Builder b = new Table.Builder("paired", PAIRED_CAPTION, cols);
        ReportData.Method base = data.baseline();
        if (base == null) {
            return b.build();
        }
        PairedFamily family = new PairedFamily();
        List<Object[]> pending = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            ReportData.Group bg = data.group(d, base);
            if (bg == null) {
                continue;
            }
            for (ReportData.Group g : data.groups(d)) {
                if (g.method().equals(base)) {
                    continue;
                }
                int[] at = new int[data.tableMetrics().size()];
                for (int i = 0; i < at.length; i++) {
                    Metric m = data.tableMetrics().get(i);
                    Stats.Summary s = m.clipDifference(ReportData.paired(g, bg, ReportData.metricOf(m.key())));
                    at[i] = family.add(new PairedFamily.Comparison(s, s == null ? null : PairedFamily.trivial(m, g, bg)));
                }
                pending.add(new Object[] {d, g, bg, at});
            }
        }
        family.adjust();
        ReportData.Dataset current = null;
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (Object[] p : pending) {
            ReportData.Dataset d = (ReportData.Dataset) p[0];
            ReportData.Group g = (ReportData.Group) p[1];
            ReportData.Group bg = (ReportData.Group) p[2];
            int[] at = (int[]) p[3];
            if (current != null && !current.equals(d)) {
                b.block(rows);
                rows = new ArrayList<>();
            }
            current = d;
            List<Table.Cell> row = new ArrayList<>();
            row.add(Table.Cell.text(d.name()));
            row.add(Table.Cell.text(g.method().name()));
            Stats.Summary first = ReportData.paired(g, bg, ReportData.metricOf("accuracy"));
            row.add(Table.Cell.text(String.valueOf(first == null ? 0 : first.n())));
            for (int i = 0; i < at.length; i++) {
                row.add(pairedCell(family, at[i]));
            }
            rows.add(row);
        }
        b.block(rows);
        return b.build();
    }

    private static Table.Cell pairedCell(PairedFamily family, int i) {
        PairedFamily.Comparison c = family.comparison(i);
        Stats.Summary s = c.diff();
        if (s == null) {
            return new Table.Cell("—", false, List.of("", "", "", ""));
        }
        String mark = c.trivial() != null ? " †" : family.significant(i) ? "*" : "";
        if (!s.hasInterval()) {
            return new Table.Cell(Fmt.signed(s.mean()) + mark, false, List.of(Fmt.csv(s.mean()), "", "", ""));
        }
        double p = family.adjustedP(i);
        return new Table.Cell(Fmt.signed(s.mean()) + " [" + Fmt.signed(s.low()) + ", " + Fmt.signed(s.high()) + "]" + mark,
                false, List.of(Fmt.csv(s.mean()), Fmt.csv(s.low()), Fmt.csv(s.high()), Double.isNaN(p) ? "" : Fmt.csv(p)));
    }

    /**
     * @return one table per sweep axis of the runs ({@link Sweeps#axes}): accuracy, NLL and ECE at each axis value
     *     per dataset × method (mean ± std over seeds), named {@code sweep_<axis>}; with the kept weights when the
     *     runs say them (a pruning sweep, {@link dev.credence.experiments.results.RunResult.Scored#keptWeights})
     */
    static List<Table> sweeps(ReportData data) {
        List<Table> out = new ArrayList<>();
        for (Sweeps.Axis axis : Sweeps.axes(data)) {
            out.add(sweep(data, axis));
        }
        return out;
    }

    private static Table sweep(ReportData data, Sweeps.Axis axis) {
        boolean kept = data.groups().stream()
                .flatMap(g -> Sweeps.points(g, axis.name()).values().stream()).flatMap(List::stream)
                .anyMatch(p -> p.keptWeights() != null);
        List<Table.Column> cols = keyColumns(false);
        cols.add(new Table.Column(axis.name(), Latex.escape(axis.name()), List.of(axis.name()), true));
        if (kept) {
            cols.add(new Table.Column("kept weights", "Kept weights", List.of("kept_weights"), true));
        }
        cols.add(new Table.Column("n", "$n$", List.of("n"), true));
        String[] keys = {"accuracy", "nll", "ece"};
        String[] labels = {"accuracy ↑", "NLL ↓", "ECE ↓"};
        for (int i = 0; i < keys.length; i++) {
            cols.add(new Table.Column(labels[i], Latex.cell(labels[i]), List.of(keys[i] + "_mean", keys[i] + "_std"), true));
        }
        Table.Builder b = new Table.Builder(axis.fileName(), "Sweep over `" + axis.name() + "`"
                + (axis.description().isEmpty() ? "" : " (" + axis.description() + ")")
                + ": accuracy, NLL and ECE at each value; mean ± std over seeds.", cols);
        for (ReportData.Group g : data.groups()) {
            TreeMap<Double, List<Sweeps.Point>> byValue = Sweeps.points(g, axis.name());
            if (byValue.isEmpty()) {
                continue;
            }
            List<List<Table.Cell>> rows = new ArrayList<>();
            byValue.forEach((v, ps) -> {
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.text(g.dataset().name()));
                row.add(Table.Cell.text(g.method().name()));
                row.add(new Table.Cell(Fmt.compact(v), false, List.of(Fmt.compact(v))));
                if (kept) {
                    Integer k0 = ps.get(0).keptWeights();
                    boolean same = ps.stream().allMatch(p -> java.util.Objects.equals(p.keptWeights(), k0));
                    String k = k0 == null ? "—" : same ? String.valueOf(k0) : "varies";
                    row.add(new Table.Cell(k, false, List.of(k0 == null || !same ? "" : String.valueOf(k0))));
                }
                row.add(Table.Cell.text(String.valueOf(ps.size())));
                for (String key : keys) {
                    Stats.Summary s = Stats.summarize(ps.stream().map(p -> p.metric(key))
                            .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
                    row.add(s == null ? new Table.Cell("—", false, List.of("", ""))
                            : new Table.Cell(meanStd(s), false,
                            List.of(Fmt.csv(s.mean()), s.n() > 1 ? Fmt.csv(s.std()) : "")));
                }
                rows.add(row);
            });
            b.block(rows);
        }
        return b.build();
    }

    /**
     * @return one table per dataset whose runs have shift metrics, named {@code shifts_<dataset>}: the
     *     {@link Shifts#KEYS} per method × shift × level (rotation's angle, else the severity), mean ± std over seeds
     */
    static List<Table> shifts(ReportData data) {
        List<Table> out = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> groups = data.groups(d).stream().filter(g -> !Shifts.of(g).isEmpty()).toList();
            if (groups.isEmpty()) {
                continue;
            }
            List<Table.Column> cols = keyColumns(false);
            cols.add(new Table.Column("shift", "Shift", List.of("shift"), false));
            cols.add(new Table.Column("level", "Level", List.of("level"), true));
            cols.add(new Table.Column("n", "$n$", List.of("n"), true));
            for (String key : Shifts.KEYS) {
                Metric m = Metric.of(key);
                cols.add(new Table.Column(m.label(), m.latex(), List.of(key + "_mean", key + "_std"), true));
            }
            Table.Builder b = new Table.Builder("shifts_" + Charts.slug(d.name()), "Shifted test sets of `" + d.name()
                    + "`: accuracy, NLL, ECE, AURC and E-AURC per shift and level (rotation: the angle in degrees; else"
                    + " the severity 1–5, PROTOCOL.md); mean ± std over seeds (— where the results predate AURC).", cols);
            for (ReportData.Group g : groups) {
                List<List<Table.Cell>> rows = new ArrayList<>();
                Shifts.of(g).forEach((shift, levels) -> levels.forEach((level, ms) -> {
                    List<Table.Cell> row = new ArrayList<>();
                    row.add(Table.Cell.text(d.name()));
                    row.add(Table.Cell.text(g.method().name()));
                    row.add(Table.Cell.text(shift));
                    row.add(Table.Cell.text(String.valueOf(level)));
                    row.add(Table.Cell.text(String.valueOf(ms.size())));
                    for (String key : Shifts.KEYS) {
                        Stats.Summary s = Shifts.summary(ms, key);
                        row.add(s == null ? new Table.Cell("—", false, List.of("", ""))
                                : new Table.Cell(meanStd(s), false,
                                List.of(Fmt.csv(s.mean()), s.n() > 1 ? Fmt.csv(s.std()) : "")));
                    }
                    rows.add(row);
                }));
                b.block(rows);
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * @return one table per dataset whose runs have OOD results, named {@code ood_auroc_<dataset>}: a block per OOD
     *     set, a row per method, the AUROC of every score (mean ± std over seeds; — where the predictive has no such
     *     score) and for the entropy score AUPR-in, AUPR-out and FPR95
     */
    static List<Table> ood(ReportData data) {
        List<Table> out = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> groups = data.groups(d).stream().filter(g -> !OodSets.of(g).isEmpty()).toList();
            if (groups.isEmpty()) {
                continue;
            }
            List<Table.Column> cols = keyColumns(false);
            cols.add(new Table.Column("OOD set", "OOD set", List.of("ood_set"), false));
            cols.add(new Table.Column("n", "$n$", List.of("n"), true));
            List<String> labels = new ArrayList<>();
            List<java.util.function.ToDoubleFunction<RunResult.OodMetrics>> metrics = new ArrayList<>();
            List<String> scores = new ArrayList<>();
            for (String score : OodSets.SCORES) {
                labels.add("AUROC " + score + " ↑");
                metrics.add(RunResult.OodMetrics::auroc);
                scores.add(score);
            }
            labels.addAll(List.of("AUPR-in entropy ↑", "AUPR-out entropy ↑", "FPR95 entropy ↓"));
            metrics.addAll(List.of(RunResult.OodMetrics::auprIn, RunResult.OodMetrics::auprOut,
                    RunResult.OodMetrics::fpr95));
            scores.addAll(List.of(OodSets.SHOWN, OodSets.SHOWN, OodSets.SHOWN));
            for (String label : labels) {
                String key = label.replace(" ↑", "").replace(" ↓", "").replace(' ', '_').replace("-", "_").toLowerCase();
                cols.add(new Table.Column(label, Latex.cell(label), List.of(key + "_mean", key + "_std"), true));
            }
            Table.Builder b = new Table.Builder("ood_auroc_" + Charts.slug(d.name()), "Out-of-distribution detection on `"
                    + d.name() + "`: AUROC per OOD set and score (OOD positive, higher score = more OOD; — where the"
                    + " predictive has no such score), and for the entropy AUPR with in-distribution and with OOD"
                    + " positive and the false-positive rate at 95% TPR (PROTOCOL.md); mean ± std over seeds.", cols);
            for (String set : OodSets.sets(groups)) {
                List<List<Table.Cell>> rows = new ArrayList<>();
                for (ReportData.Group g : groups) {
                    List<RunResult.OodResult> rs = OodSets.of(g).get(set);
                    if (rs == null) {
                        continue;
                    }
                    List<Table.Cell> row = new ArrayList<>();
                    row.add(Table.Cell.text(d.name()));
                    row.add(Table.Cell.text(g.method().name()));
                    row.add(Table.Cell.text(set));
                    row.add(Table.Cell.text(String.valueOf(rs.size())));
                    for (int i = 0; i < metrics.size(); i++) {
                        Stats.Summary sm = OodSets.summary(rs, scores.get(i), metrics.get(i));
                        row.add(sm == null ? new Table.Cell("—", false, List.of("", ""))
                                : new Table.Cell(meanStd(sm), false,
                                List.of(Fmt.csv(sm.mean()), sm.n() > 1 ? Fmt.csv(sm.std()) : "")));
                    }
                    rows.add(row);
                }
                b.block(rows);
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * @return per dataset × method scored against a reference: agreement, total variation and KL from the reference
     *     on the test part, beside the NLL and ECE on the labels (mean ± std over the ok runs that have a reference
     *     block); empty when no run has one
     */
    static Table reference(ReportData data) {
        List<Table.Column> cols = keyColumns(false);
        cols.add(Table.Column.text("reference", "reference"));
        cols.add(new Table.Column("n", "$n$", List.of("n"), true));
        String[] labels = {"agreement ↑", "total variation ↓", "KL(ref ‖ p) ↓"};
        String[] ids = {"agreement", "total_variation", "kl"};
        List<java.util.function.ToDoubleFunction<dev.credence.experiments.metrics.ReferenceDistance>> quantities = List.of(
                dev.credence.experiments.metrics.ReferenceDistance::agreement,
                dev.credence.experiments.metrics.ReferenceDistance::totalVariation,
                dev.credence.experiments.metrics.ReferenceDistance::kl);
        for (int i = 0; i < labels.length; i++) {
            cols.add(new Table.Column(labels[i], Latex.cell(labels[i]), List.of(ids[i] + "_mean", ids[i] + "_std"), true));
        }
        List<Metric> onLabels = List.of(Metric.of("nll"), Metric.of("ece"));
        for (Metric m : onLabels) {
            cols.add(new Table.Column(m.label(), m.latex(), List.of(m.key() + "_mean", m.key() + "_std"), true));
        }
        Table.Builder b = new Table.Builder("reference", "Distance of each method's predictive from the reference"
                + " posterior's on the test part (PROTOCOL.md, Reference posterior): agreement of the top-1 class,"
                + " mean total variation ½‖p − p_ref‖₁ and mean KL(p_ref ‖ p); beside them NLL and ECE on the labels."
                + " Mean ± std over seeds.", cols);
        for (ReportData.Dataset d : data.datasets()) {
            List<List<Table.Cell>> rows = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                List<dev.credence.experiments.results.RunResult.ReferenceScores> blocks = References.of(g);
                if (blocks.isEmpty()) {
                    continue;
                }
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.text(d.name()));
                row.add(Table.Cell.text(g.method().name()));
                row.add(Table.Cell.text(blocks.get(0).method()));
                row.add(Table.Cell.text(String.valueOf(blocks.size())));
                for (var q : quantities) {
                    row.add(summaryCell(References.summary(blocks, q)));
                }
                for (Metric m : onLabels) {
                    row.add(summaryCell(Stats.summarize(g.ok().stream().filter(r -> References.of(r) != null)
                            .map(r -> r.metrics().metric(m.key())).filter(java.util.Objects::nonNull)
                            .mapToDouble(Double::doubleValue).toArray())));
                }
                rows.add(row);
            }
            b.block(rows);
        }
        return b.build();
    }

    private static Table.Cell summaryCell(Stats.Summary s) {
        return s == null ? new Table.Cell("—", false, List.of("", ""))
                : new Table.Cell(meanStd(s), false, List.of(Fmt.csv(s.mean()), s.n() > 1 ? Fmt.csv(s.std()) : ""));
    }

    /** @return wall-clock timings per dataset × method (mean ± std over ok runs); empty when no run has them */
    static Table timing(ReportData data) {
        List<Table.Column> cols = keyColumns(false);
        cols.add(new Table.Column("n", "$n$", List.of("n"), true));
        List<TimingColumn> keys = List.of(
                new TimingColumn("train_seconds", "train time (s)", "%.3f", RunResult.Timings::trainSeconds),
                new TimingColumn("train_examples_per_s", "training examples/s", "%.0f",
                        RunResult.Timings::trainExamplesPerSecond),
                new TimingColumn("inference_examples_per_s", "inference examples/s", "%.0f",
                        RunResult.Timings::inferenceExamplesPerSecond));
        for (TimingColumn k : keys) {
            cols.add(new Table.Column(k.label(), Latex.escape(k.label()), List.of(k.id() + "_mean", k.id() + "_std"), true));
        }
        Table.Builder b = new Table.Builder("timing", "Wall-clock time as recorded by each run (mean ± std over ok"
                + " runs; the machine's load shows in these numbers).", cols);
        for (ReportData.Dataset d : data.datasets()) {
            List<List<Table.Cell>> rows = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                List<Table.Cell> row = new ArrayList<>();
                row.add(Table.Cell.text(d.name()));
                row.add(Table.Cell.text(g.method().name()));
                row.add(Table.Cell.text(String.valueOf(g.ok().size())));
                boolean any = false;
                for (TimingColumn k : keys) {
                    Stats.Summary s = Stats.summarize(g.values(r -> {
                        Double v = r.result().timings() == null ? null : k.value().apply(r.result().timings());
                        return v == null ? Double.NaN : v;
                    }));
                    if (s == null) {
                        row.add(new Table.Cell("—", false, List.of("", "")));
                    } else {
                        any = true;
                        String text = s.n() > 1 ? String.format(java.util.Locale.ROOT, k.format() + " ± " + k.format(), s.mean(), s.std())
                                : String.format(java.util.Locale.ROOT, k.format(), s.mean());
                        row.add(new Table.Cell(text, false, List.of(Fmt.csv(s.mean()), s.n() > 1 ? Fmt.csv(s.std()) : "")));
                    }
                }
                if (any) {
                    rows.add(row);
                }
            }
            b.block(rows);
        }
        return b.build();
    }

    /** @return one row per diverged run */
    static Table diverged(ReportData data) {
        List<Table.Column> cols = List.of(Table.Column.text("run", "run_id"), Table.Column.text("dataset", "dataset"),
                Table.Column.text("method", "method"), new Table.Column("seed", "Seed", List.of("seed"), true),
                new Table.Column("epoch", "Epoch", List.of("epoch"), true),
                new Table.Column("step", "Step", List.of("step"), true),
                new Table.Column("last finite loss", "Last finite loss", List.of("last_finite_loss"), true),
                Table.Column.text("message", "message"));
        Table.Builder b = new Table.Builder("diverged", "Diverged runs (left out of every mean).", cols);
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (Run r : data.diverged()) {
            RunResult.Divergence d = r.result().divergence();
            Double loss = d.lastFiniteLoss() == null || !Double.isFinite(d.lastFiniteLoss()) ? null : d.lastFiniteLoss();
            rows.add(List.of(Table.Cell.text(r.id()), Table.Cell.text(r.dataset()), Table.Cell.text(r.method()),
                    Table.Cell.text(String.valueOf(r.seed())), Table.Cell.text(String.valueOf(d.epoch())),
                    Table.Cell.text(String.valueOf(d.step())),
                    new Table.Cell(loss == null ? "—" : Fmt.compact(loss), false, List.of(loss == null ? "" : Fmt.csv(loss))),
                    Table.Cell.text(d.message().replace('\n', ' '))));
        }
        b.block(rows);
        return b.build();
    }

    /**
     * A column of the timing table.
     *
     * @param id     its CSV name, before {@code _mean} and {@code _std}
     * @param label  its heading
     * @param format how its numbers are printed
     * @param value  its value in a run's timings (null when not recorded)
     */
    private record TimingColumn(String id, String label, String format, Function<RunResult.Timings, Double> value) {
    }
}
