package dev.credence.experiments.run;

import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --jobs N}: N runs at once give the results of one at a time, train each shared base once, keep a failing
 * run's failure to itself, print readable lines, and combine with {@code --shard}.
 */
class RunJobsTest {
    @TempDir
    Path dir;

    private static List<String> lines(String log, String marker) {
        return log.lines().filter(l -> l.contains(marker)).toList();
    }

    private static void assertSameResults(Path expected, Path actual) throws IOException {
        List<Path> a = SuiteRunTest.results(expected);
        List<Path> b = SuiteRunTest.results(actual);
        assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
        assertEquals(16, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(SuiteRunTest.withoutTimings(a.get(i)), SuiteRunTest.withoutTimings(b.get(i)),
                    "same bits apart from timings: " + a.get(i).getFileName());
        }
    }

    @Test
    void twoJobsGiveTheResultsOfOneTrainEachRunAndBaseOnceAndPrintNumberedLines() throws Exception {
        Path suite = Files.writeString(dir.resolve("sh.json"), ShardsTest.suite());
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SuiteRunTest.Outcome w = cli("run", suite.toString(), "--out", one.toString(), "--progress=lines");
        assertEquals(0, w.status(), w.err());
        SuiteRunTest.Outcome p = cli("run", suite.toString(), "--out", two.toString(), "--progress=lines", "--jobs", "2");
        assertEquals(0, p.status(), p.err());
        assertTrue(p.err().contains("16 runs → " + two + ", 2 at once"), p.err());
        assertSameResults(one, two);
        SuiteRunTest.Outcome c = cli("compare", one.toString(), two.toString());
        assertEquals(0, c.status(), c.out() + c.err());
        assertTrue(c.out().contains("identical: 16 runs"), c.out());
        assertEquals(Files.readString(one.resolve(ResultStore.SUMMARY)), Files.readString(two.resolve(ResultStore.SUMMARY)));

        List<String> started = lines(p.err(), ": training…");
        assertEquals(16, started.size(), p.err());
        Pattern number = Pattern.compile("^\\[(\\d+)/16] ");
        Set<Integer> numbers = started.stream().map(number::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toSet());
        assertEquals(16, numbers.size(), "every run started under a number of its own: " + started);
        for (String line : p.err().lines().toList()) {
            if (line.contains(": epoch ") || line.contains(": training…") || line.contains(": ok in ")) {
                assertTrue(number.matcher(line).find(), "a whole line naming its run: " + line);
            }
        }
        assertEquals(lines(w.err(), ": epoch ").size(), lines(p.err(), ": epoch ").size(),
                "as many epochs as one at a time: no base fitted twice");
        try (var files = Files.list(two)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".credence-claim")), "every claim released");
        }

        SuiteRunTest.Outcome again = cli("run", suite.toString(), "--out", two.toString(), "--jobs", "2", "--progress=lines");
        assertEquals(0, again.status(), again.err());
        assertEquals(0, lines(again.err(), ": training…").size(), "resumed: nothing left to train: " + again.err());
        assertEquals(16, lines(again.err(), "result exists, skipped").size(), again.err());
    }

    @Test
    void twoJobsWithinEachOfTwoShardsGiveTheResultsOfOneJob() throws Exception {
        Path suite = Files.writeString(dir.resolve("sh.json"), ShardsTest.suite());
        Path one = dir.resolve("one");
        Path sharded = dir.resolve("sharded");
        assertEquals(0, cli("run", suite.toString(), "--out", one.toString(), "--progress=none").status());
        long trained = 0;
        for (int i = 0; i < 2; i++) {
            SuiteRunTest.Outcome s = cli("run", suite.toString(), "--out", sharded.toString(), "--shard", i + "/2",
                    "--jobs", "2", "--progress=lines");
            assertEquals(0, s.status(), s.err());
            trained += lines(s.err(), ": training…").size();
        }
        assertEquals(16, trained, "each run trained by exactly one shard");
        assertSameResults(one, sharded);
    }

    @Test
    void aSharedBaseIsFittedOnceUnderTwoJobs() throws IOException {
        Path file = Files.writeString(dir.resolve("sh.json"), ShardsTest.suite());
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        RunExecutor executor = new RunExecutor(plan, data);
        ResultStore store = new ResultStore(dir.resolve("out"));
        store.create();
        store.claim(s.name());
        SuiteRunner.Outcome outcome = new SuiteRunner(executor, new PrintStream(new ByteArrayOutputStream(), true),
                Progress.Style.LINES, RunClaims.DEFAULT_TIMEOUT, 2).run(plan, store, false, false);
        assertEquals(16, outcome.current().size());
        assertTrue(outcome.failed().isEmpty(), outcome.failed().toString());
        assertEquals(8, executor.freshFits(), "map once per dataset and seed for map, ts and ens, and mc-dropout: "
                + "2 datasets × 2 seeds × 2");
        assertEquals(plan.stream().map(PlannedRun::id).toList(), outcome.current().stream().map(RunResult::runId).toList(),
                "results in run order");
    }

    @Test
    void aFailingRunUnderTwoJobsFailsAloneAndTheOthersFinish() throws IOException {
        Path csv = dir.resolve("d.csv");
        String text = TwoClassCsv.text(60);
        Files.writeString(csv, text);
        Path file = Files.writeString(dir.resolve("f.json"), "{\"name\": \"f\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"d\", \"source\": \"csv:" + csv + "\"},"
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}],"
                + " \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 2}}]}");
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        List<PlannedRun> plan = new RunPlanner(new DataCache()).plan(validated);
        // a cache of its own: the executor reads the file again, so d's runs see the changed bytes and fail
        RunExecutor executor = new RunExecutor(plan, new DataCache());
        Files.writeString(csv, TwoClassCsv.edited(text));
        ResultStore store = new ResultStore(dir.resolve("out"));
        store.create();
        store.claim(s.name());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SuiteRunner.Outcome outcome = new SuiteRunner(executor, new PrintStream(err, true, StandardCharsets.UTF_8),
                Progress.Style.LINES, RunClaims.DEFAULT_TIMEOUT, 2).run(plan, store, false, false);
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, outcome.current().size(), log);
        for (RunResult r : outcome.current()) {
            assertEquals(r.dataset().name().equals("d") ? RunResult.Status.FAILED : RunResult.Status.OK, r.status(),
                    r.runId() + ": " + log);
            assertEquals(r.status(), store.read(r.runId()).status(), "recorded in the folder");
        }
        List<RunResult> failed = outcome.failed();
        assertEquals(2, failed.size(), log);
        for (RunResult r : failed) {
            assertTrue(r.error().message().contains("the data changed since the suite started"), r.error().message());
        }
        assertEquals(2, outcome.current().stream().filter(RunResult::ok).count(), "the moons runs finish: " + log);
        assertEquals(2, lines(log, "failed: ").size(), log);
    }

    private static PlannedRun withHeap(long own, long cached) {
        return new PlannedRun(null, null, "f", null, dev.credence.core.spi.Footprint.builder()
                .add("parameters", own, "'hidden'").add(RunBudget.CACHED_DATA, cached, "the suite's datasets").build());
    }

    @Test
    void fewerRunsGoAtOnceWhenTheirHeapsDoNotFitTogether() {
        List<PlannedRun> runs = List.of(withHeap(200, 100), withHeap(400, 100), withHeap(300, 50));
        assertEquals(2, RunBudget.concurrent(runs, 3, 1000), "100 cached once + 400 + 300 ≤ 900 < 100 + 400 + 300 + 200");
        assertEquals(3, RunBudget.concurrent(runs, 3, 1112), "1000 ≤ 90% of 1112");
        assertEquals(2, RunBudget.concurrent(runs, 2, 1_000_000), "never more than asked for");
        assertEquals(1, RunBudget.concurrent(runs, 3, 100), "at least one: each run alone was checked when planned");
    }
}
