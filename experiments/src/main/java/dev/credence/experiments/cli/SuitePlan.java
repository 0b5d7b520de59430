package dev.credence.experiments.cli;

import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.SuiteManifest;
import dev.credence.experiments.run.DataCache;
import dev.credence.experiments.run.PlannedRun;
import dev.credence.experiments.run.RunExecutor;
import dev.credence.experiments.run.RunPlanner;
import dev.credence.experiments.run.Shards;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite loaded, validated and planned (every data file read and hashed, every run fingerprinted), with the results
 * folder it writes to, checked to be one the harness may write (read-only: nothing is created). What {@code run},
 * {@code slurm} and {@code status --suite} start from.
 *
 * @param file     the suite file
 * @param suite    the suite
 * @param folder   its results folder
 * @param store    the store over that folder
 * @param data     the data the planner prepared, kept for the executor
 * @param runs     the planned runs, in run order
 */
record SuitePlan(Path file, Suite suite, Path folder, ResultStore store, DataCache data, List<PlannedRun> runs) {
    /**
     * @param suiteArg a suite file or the name of one in {@code experiments/suites/}
     * @param out      the results folder, or null for {@code results/<suite>/}
     * @return the plan
     */
    static SuitePlan of(String suiteArg, String out) {
        Path file = RunCommand.suiteFile(suiteArg);
        Suite suite = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, suite);
        Path folder = out != null ? Path.of(out) : Path.of("results", suite.name());
        ResultStore store = new ResultStore(folder);
        store.checkOwnership(suite.name());
        DataCache data = new DataCache();
        return new SuitePlan(file, suite, folder, store, data, new RunPlanner(data).plan(validated));
    }

    /**
     * @param runs the runs of this plan to be executed (all of them, or a shard's)
     * @return an executor for them, on the planner's prepared data
     */
    RunExecutor executor(List<PlannedRun> runs) {
        return new RunExecutor(runs, data);
    }

    /** @return run id → the fingerprint its result must carry, in run order */
    Map<String, String> fingerprints() {
        Map<String, String> expected = new LinkedHashMap<>();
        runs.forEach(p -> expected.put(p.id(), p.fingerprint()));
        return expected;
    }

    /** @return the manifest of this plan, without a summary digest */
    SuiteManifest manifest() {
        return new SuiteManifest(suite.name(), fingerprints(), null, suite.storePredictions());
    }

    /**
     * Writes the manifest under the folder's summary lock, keeping the digest of the summary written last. The caller
     * holds the folder's lock (shared or exclusive) and has claimed the folder ({@link ResultStore#claim}).
     *
     * @param info where to say that the summary lock is waited for
     */
    void writeManifest(PrintStream info) {
        try (FolderLock summaryLock = FolderLock.acquireSummary(folder, info)) {
            manifest().withSummary(SuiteManifest.read(folder).map(SuiteManifest::summarySha256).orElse(null)).write(folder);
        }
    }

    /** @return the plan's units and costs, for splitting it into shards */
    Shards shards() {
        return Shards.of(runs);
    }
}
