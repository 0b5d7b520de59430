package dev.credence.experiments.run;

import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.DatasetEntry;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped quick suite's map configuration beats a majority-class predictor (balanced accuracy 1/K when
 * every class is in the test part) on every quick dataset, seed 0.
 */
class QuickSuiteMapTest {
    @Test
    void mapBeatsTheMajorityClassOnEveryQuickDataset() {
        Path file = Path.of("suites", "quick.json");
        Suite suite = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, suite);
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        RunExecutor executor = new RunExecutor(plan, data);
        var runs = plan.stream().filter(p -> p.spec().method().method().equals("map") && p.spec().seed() == 0).toList();
        assertEquals(suite.datasets().size(), runs.size());
        for (PlannedRun run : runs) {
            DatasetEntry d = run.spec().dataset();
            RunResult r = executor.execute(run, TrainingListener.NONE);
            assertTrue(r.ok(), r.status().json());
            int k = r.metrics().numClasses();
            double balanced = r.metrics().metric("balanced_accuracy");
            double majority = 1.0 / k;
            assertTrue(balanced > majority + 0.1, d.name() + ": balanced accuracy " + balanced + " vs majority " + majority);
        }
    }
}
