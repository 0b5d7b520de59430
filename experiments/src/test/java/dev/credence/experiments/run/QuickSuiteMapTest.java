package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.suite.DatasetEntry;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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
        SuiteValidator validator = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard());
        validator.validate(file, suite);
        RunExecutor executor = new RunExecutor(MethodRegistry.discover(), validator);
        var runs = executor.plan(suite).stream()
                .filter(p -> p.spec().method().method().equals("map") && p.spec().seed() == 0).toList();
        assertEquals(suite.datasets().size(), runs.size());
        for (RunExecutor.PlannedRun run : runs) {
            DatasetEntry d = run.spec().dataset();
            ObjectNode r = executor.execute(run, TrainingListener.NONE);
            assertEquals("ok", r.path("status").asText());
            int k = r.path("metrics").path("num_classes").asInt();
            double balanced = r.path("metrics").path("balanced_accuracy").asDouble();
            double majority = 1.0 / k;
            assertTrue(balanced > majority + 0.1, d.name() + ": balanced accuracy " + balanced + " vs majority " + majority);
        }
    }
}
