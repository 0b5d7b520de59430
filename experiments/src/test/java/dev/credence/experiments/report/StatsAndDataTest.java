package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.experiments.results.RunResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class StatsAndDataTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSummaryShowsASingleSeedsValueAlone() {
        assertEquals("0.5000", SummaryTable.meanStd(new double[]{0.5}));
        assertEquals("0.5000 ± 0.1414", SummaryTable.meanStd(new double[]{0.4, 0.6}));
    }

    @Test
    void meanStdAndTInterval() {
        // {1, 2, 3}: mean 2, s = 1, half width t(0.975, 2) / sqrt(3) = 4.3026527 / 1.7320508 = 2.4841377
        Stats.Summary s = Stats.summarize(new double[] {1, 2, 3});
        assertEquals(3, s.n());
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.std(), 1e-12);
        assertEquals(2.0 - 2.4841377, s.low(), 1e-6);
        assertEquals(2.0 + 2.4841377, s.high(), 1e-6);
        assertFalse(s.excludesZero());
        Stats.Summary one = Stats.summarize(new double[] {0.5});
        assertEquals(0.0, one.std());
        assertFalse(one.hasInterval());
        assertNull(Stats.summarize(new double[0]));
        assertEquals(12.7062047, Stats.t975(1), 1e-7);
        assertEquals(2.0422725, Stats.t975(30), 1e-7);
        assertEquals(1.959964, Stats.t975(31), 1e-6);
    }

    @Test
    void imbalanceRatio() {
        assertEquals(10.0, ReportData.rho("longtail(10)", new int[] {100, 31, 10}));
        assertEquals(100.0, ReportData.rho("step(0.5,100)", new int[] {1000, 10}));
        assertEquals(10.125, ReportData.rho("natural", new int[] {405, 40}));
        assertEquals(2.0, ReportData.rho("natural", new int[] {20, 0, 10}), "empty classes are ignored");
    }

    private static RunResult run(String dataset, String method, long seed, String status, double nll) {
        String json = """
                {"format": "credence-run/1", "suite": "s", "run_id": "%s__%s__seed%d", "seed": %d,
                 "dataset": {"name": "%s", "source": "src", "imbalance": "natural", "features": 2,
                   "class_names": ["a", "b"], "class_counts": {"train": [10, 5], "validation": [], "test": [4, 4]}},
                 "method": {"name": "%s", "method": "%s", "description": "", "params": {"lr": 0.001}},
                 "status": "%s", "test_samples": 1, "metrics": {"nll": %s, "accuracy": 0.5}}
                """.formatted(dataset, method, seed, seed, dataset, method, method, status, status.equals("ok") ? nll : "null");
        try {
            return RunResult.fromJson(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void groupsOrdersAndPairsBySeed() {
        List<RunResult> runs = new ArrayList<>();
        runs.add(run("d", "bbb", 0, "ok", 1.0));
        runs.add(run("d", "bbb", 1, "ok", 2.0));
        runs.add(run("d", "bbb", 2, "diverged", 0));
        runs.add(run("d", "map", 1, "ok", 1.5));
        runs.add(run("d", "map", 0, "ok", 1.5));
        runs.add(run("d", "zeta", 0, "ok", 9.0));
        runs.add(run("d", "mc-dropout", 0, "ok", 3.0));
        assertEquals(List.of("bbb", "map", "mc-dropout", "zeta"), ReportData.of(runs, "r").methods().stream()
                .map(ReportData.Method::name).toList(), "without the suite's order: by name");
        ReportData data = ReportData.of(runs, "r", List.of("d__map__seed0", "d__mc-dropout__seed0", "d__bbb__seed0",
                "d__map__seed1", "d__bbb__seed1"));
        assertEquals(List.of("map", "mc-dropout", "bbb", "zeta"), data.methods().stream().map(ReportData.Method::name).toList(),
                "the suite's order, then methods it does not list");
        ReportData.Dataset d = data.datasets().get(0);
        ReportData.Group bbb = data.group(d, data.methods().get(2));
        assertEquals(2, bbb.ok().size());
        assertEquals(1, bbb.diverged().size());
        assertEquals(1.5, bbb.metric("nll").mean(), 1e-12, "the diverged run is not averaged in");
        assertEquals(List.of(0L, 1L), bbb.ok().stream().map(Run::seed).toList());
        // paired with map on seeds 0 and 1: differences -0.5 and +0.5
        Stats.Summary diff = ReportData.paired(bbb, data.group(d, data.baseline()), ReportData.metricOf("nll"));
        assertEquals(2, diff.n());
        assertEquals(0.0, diff.mean(), 1e-12);
        assertEquals(Math.sqrt(0.5), diff.std(), 1e-12);
        assertEquals(1, data.diverged().size());
        assertTrue(data.otherStatus().isEmpty());
        assertEquals(List.of(0L, 1L, 2L), data.seeds());
    }
}
