package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report claims only what its numbers support: best marks, Holm's correction, trivial comparisons, clipping. */
class ClaimsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void tTestPValuesMatchTheTable() {
        // the 0.975 quantiles are where the two-sided p-value is 0.05
        for (int dof : new int[] {1, 2, 4, 9, 30}) {
            assertEquals(0.05, Stats.tTwoSidedP(Stats.t975(dof), dof), 1e-6, "dof " + dof);
        }
        assertEquals(1.0, Stats.tTwoSidedP(0, 3), 1e-12);
        // t = 1 with 1 dof: P(|T| >= 1) = 1/2 (Cauchy)
        assertEquals(0.5, Stats.tTwoSidedP(1, 1), 1e-12);
        assertEquals(Math.log(24), Stats.logGamma(5), 1e-12);
        assertEquals(0.0, Stats.summarize(new double[] {0.1, 0.1}).p(), "equal nonzero differences");
        assertEquals(1.0, Stats.summarize(new double[] {0, 0}).p());
        assertTrue(Double.isNaN(Stats.summarize(new double[] {0.3}).p()));
    }

    @Test
    void holmStepsDown() {
        // sorted 0.01, 0.02, 0.04 -> 0.03, 0.04, 0.04 (monotone); in input order
        double[] h = Stats.holm(new double[] {0.04, 0.01, 0.02});
        assertEquals(0.04, h[0], 1e-12);
        assertEquals(0.03, h[1], 1e-12);
        assertEquals(0.04, h[2], 1e-12);
        assertEquals(1.0, Stats.holm(new double[] {0.6, 0.9})[0], 1e-12, "capped at 1");
    }

    @Test
    void intervalsAreClippedToTheMetricsRange() {
        Stats.Summary s = Stats.summarize(new double[] {0.99, 1.0, 0.98});
        assertTrue(s.high() > 1);
        Stats.Summary c = Metric.of("accuracy").clip(s);
        assertEquals(1.0, c.high());
        assertEquals(s.low(), c.low());
        assertEquals(s.mean(), c.mean());
        Stats.Summary nll = Metric.of("nll").clip(Stats.summarize(new double[] {0.01, 0.3, 0.02}));
        assertEquals(0.0, nll.low(), "NLL is never negative");
        Stats.Summary d = Metric.of("ece").clipDifference(Stats.summarize(new double[] {0.9, -0.9, 0.95}));
        assertEquals(-1.0, d.low());
        assertEquals(1.0, d.high());
    }

    private static Map<Long, Double> seeds(double... v) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put((long) i, v[i]);
        }
        return m;
    }

    @Test
    void bestIsMarkedOnlyWhenThePairedIntervalAgainstTheRunnerUpExcludesZero() {
        Map<String, Map<Long, Double>> v = new LinkedHashMap<>();
        v.put("a", seeds(0.90, 0.91, 0.92));
        v.put("b", seeds(0.80, 0.82, 0.81));
        v.put("c", seeds(0.70, 0.71, 0.69));
        assertEquals(Set.of("a"), BestMarks.marked(1, v), "a beats b on every seed");
        assertEquals(Set.of("c"), BestMarks.marked(-1, v), "lower is better");
        // b within noise of a (differences +0.05, -0.05, +0.01): both share the mark; c is clearly worse
        v.put("b", seeds(0.85, 0.96, 0.91));
        assertEquals(Set.of("a", "b"), BestMarks.marked(1, v));
        assertEquals(Set.of(), BestMarks.marked(0, v), "descriptive metrics are never marked");
        Map<String, Map<Long, Double>> one = new LinkedHashMap<>();
        one.put("a", seeds(0.9));
        one.put("b", seeds(0.1));
        assertEquals(Set.of(), BestMarks.marked(1, one), "one seed cannot separate anything");
        // means can differ with seeds not shared: a method without shared seeds is not marked tied
        v.put("d", Map.of(7L, 0.95));
        assertFalse(BestMarks.marked(1, v).contains("d"));
    }

    private static RunResult run(String method, long seed, double acc, double mi, int[] test) {
        return run(method, seed, acc, mi, test, "");
    }

    private static RunResult run(String method, long seed, double acc, double mi, int[] test, String moreMetrics) {
        String json = """
                {"format": "credence-run/1", "suite": "s", "run_id": "d__%s__seed%d", "seed": %d,
                 "dataset": {"name": "d", "source": "src", "imbalance": "natural", "features": 2,
                   "class_names": ["a", "b"], "class_counts": {"train": [10, 5], "validation": [], "test": [%d, %d]}},
                 "method": {"name": "%s", "method": "%s", "description": "", "params": {}},
                 "status": "ok", "test_samples": 1,
                 "metrics": {"accuracy": %s, "balanced_accuracy": %s, "mutual_information": %s, "nll": %s%s}}
                """.formatted(method, seed, seed, test[0], test[1], method, method, acc, acc, mi, 1 - acc, moreMetrics);
        try {
            return RunResult.fromJson(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReportData data(int[] test) {
        List<RunResult> rs = new ArrayList<>();
        double[][] acc = {{0.80, 0.81, 0.79}, {0.90, 0.92, 0.91}, {0.805, 0.79, 0.80}};
        String[] names = {"map", "good", "same"};
        for (int m = 0; m < 3; m++) {
            for (int s = 0; s < 3; s++) {
                rs.add(run(names[m], s, acc[m][s], m == 0 ? 0.0 : 0.01 + 0.001 * s, test));
            }
        }
        return ReportData.of(rs, "r", List.of("d__map__seed0", "d__good__seed0", "d__same__seed0"));
    }

    private static int column(Table t, String metricKey) {
        String title = Metric.of(metricKey).label();
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).title().equals(title) || t.columns().get(i).title().equals("Δ " + title)) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(Table t, String method, String metricKey) {
        int col = column(t, metricKey);
        return t.blocks().get(0).stream().filter(r -> r.get(1).text().equals(method)).findFirst().orElseThrow()
                .get(col).text();
    }

    @Test
    void pairedComparisonsAreHolmCorrectedAndTrivialOnesAreNotCounted() {
        Table balanced = ReportTables.paired(data(new int[] {4, 4}));
        assertTrue(cell(balanced, "good", "accuracy").endsWith("*"), cell(balanced, "good", "accuracy"));
        assertFalse(cell(balanced, "same", "accuracy").endsWith("*"));
        assertTrue(cell(balanced, "good", "mutual_information").endsWith("†"), "map's MI is 0 on every seed");
        assertTrue(cell(balanced, "good", "balanced_accuracy").endsWith("†"), "the test set is balanced");
        // 2 methods × (accuracy, nll) tested; MI and balanced accuracy trivial; good is significant on both
        assertEquals("2 of 4 differences are significant after Holm's correction across the table; 4 comparisons are"
                + " trivial by construction (†) and not counted.", ReportMarkdown.pairedSentence(balanced));
        Table imbalanced = ReportTables.paired(data(new int[] {6, 2}));
        assertTrue(cell(imbalanced, "good", "balanced_accuracy").endsWith("*"), "an imbalanced test set: a real comparison");
        String csvP = imbalanced.blocks().get(0).get(0).get(3).csv().get(3);
        assertFalse(csvP.isEmpty(), "the Holm-adjusted p-value is in the CSV");
    }

    @Test
    void theSummaryMarksOnlySeparableBests() {
        Table t = ReportTables.summary(data(new int[] {4, 4}));
        int acc = column(t, "accuracy");
        List<List<Table.Cell>> rows = t.blocks().get(0);
        assertTrue(rows.get(1).get(acc).bold(), "good");
        assertFalse(rows.get(0).get(acc).bold(), "map");
        assertFalse(rows.get(2).get(acc).bold(), "same");
        assertTrue(t.caption().contains("runner-up"));
        String md = SummaryTable.markdown(data(new int[] {4, 4}).runs().stream().map(Run::result).toList());
        assertTrue(md.contains("| d | good | 3 | **0.9100 ± 0.0100** |"), md);
        assertTrue(md.contains("| d | map | 3 | 0.8000 ± 0.0100 |"), md);
    }

    @Test
    void aMetricNoRunHasGetsNoColumnAndRunsWithoutAnotherRunsMetricShowItAbsentNotZero() {
        Table none = ReportTables.summary(data(new int[] {4, 4}));
        for (String key : List.of("aurc", "excess_aurc", "ece")) {
            assertEquals(-1, column(none, key), key + ": no run measured it, so no column of dashes");
        }
        List<RunResult> rs = new ArrayList<>(data(new int[] {4, 4}).runs().stream().map(Run::result).toList());
        rs.set(0, run("map", 0, 0.80, 0.0, new int[] {4, 4}, ", \"aurc\": 0.125"));
        Table some = ReportTables.summary(ReportData.of(rs, "r", List.of("d__map__seed0", "d__good__seed0",
                "d__same__seed0")));
        int col = column(some, "aurc");
        assertTrue(col > 0, "a metric some run has gets its column");
        assertEquals("0.1250", cell(some, "map", "aurc"));
        assertEquals("—", cell(some, "good", "aurc"), "made before AURC: absent, not 0");
        assertEquals(List.of("", ""), some.blocks().get(0).get(1).get(col).csv(), "empty in the CSV, not 0");
        assertEquals("0.8000 ± 0.0100", cell(none, "map", "accuracy"), "the metrics they have are shown");
        assertEquals(0.0, Metric.of("excess_aurc").min());
        assertEquals(1.0, Metric.of("aurc").max(), "AURC's declared range is [0, 1]");
    }

    @Test
    void convergenceRule() {
        assertEquals(Convergence.Verdict.UNDETERMINED, Convergence.of(curve(1, 1, 1, 1, 1)), "fewer than 2·3 epochs");
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.of(curve(2, 1.5, 1.0, 1.0, 1.0, 1.0, 1.005, 1.0)));
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.of(curve(2, 1.5, 1.2, 1.1, 1.05, 1.0, 0.95)));
        // near 0 the floor 0.01 applies: a change of 5e-5 is not movement
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.of(curve(1e-3, 1e-3, 1e-3, 0.95e-3, 0.95e-3, 0.95e-3)));
        // 20 epochs: window 3; 30 epochs: window 3; 40: window 4 (epochs 37-40 against 33-36)
        double[] l = new double[40];
        for (int i = 0; i < 40; i++) {
            l[i] = i < 33 ? 5.0 - 0.1 * i : 1.0;
        }
        l[32] = 1.0;
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.of(curve(l)));
        l[32] = 1.2; // epoch 33 is in B when w = 4
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.of(curve(l)));
    }

    private static List<RunResult.Epoch> curve(double... loss) {
        List<RunResult.Epoch> out = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            Map<String, Double> t = new LinkedHashMap<>();
            t.put("loss", loss[i]);
            t.put("nll", 0.0);
            out.add(new RunResult.Epoch(i + 1, t));
        }
        return out;
    }

    @Test
    void noPairWithoutTheBaseline() {
        assertNull(ReportData.of(List.of(run("x", 0, 0.5, 0, new int[] {1, 1})), "r").baseline());
    }
}
