package dev.credence.experiments.run;

import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.results.ResultStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CSV replaced while a suite runs never mixes two datasets in one suite: a run that would read the new bytes
 * fails with a message saying so (recorded; the suite goes on to its last run), and every ok run used the bytes the
 * suite was planned with.
 */
class DataChangedDuringSuiteTest {
    @TempDir
    Path dir;

    @Test
    void runsOnReplacedDataFailAndTheOthersGoOn() throws IOException {
        Path csv = dir.resolve("d.csv");
        String a = TwoClassCsv.text(60);
        Files.writeString(csv, a);
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\": \"c\", \"seeds\": [0, 1, 2, 3, 4, 5, 6, 7], \"datasets\": "
                + "[{\"name\": \"d\", \"source\": \"csv:" + csv + "\"}], \"methods\": [{\"method\": \"map\", \"params\": "
                + "{\"hidden\": [4], \"epochs\": 2}}]}");
        Suite suite = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, suite);
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        RunExecutor executor = new RunExecutor(plan, data);
        String planned = plan.get(0).config().dataset().contentSha256().source();

        Files.writeString(csv, TwoClassCsv.edited(a));
        ResultStore store = new ResultStore(dir.resolve("out"));
        store.create();
        store.claim(suite.name());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SuiteRunner.Outcome outcome = new SuiteRunner(executor, new PrintStream(err, true)).run(plan, store, false, false);

        assertEquals(8, outcome.current().size());
        List<RunResult> failed = outcome.failed();
        assertFalse(failed.isEmpty(), "some runs had to read the file again");
        for (RunResult r : failed) {
            assertTrue(r.error().message().contains("the data changed since the suite started"), r.error().message());
            assertEquals(RunResult.Status.FAILED, store.read(r.runId()).status());
        }
        for (RunResult r : outcome.current()) {
            if (!r.failed()) {
                assertEquals(RunResult.Status.OK, r.status());
                assertEquals(planned, r.config().dataset().contentSha256().source());
            }
        }
    }
}
