package dev.credence.experiments.cli;

import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.report.SummaryTable;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.run.DataCache;
import dev.credence.experiments.run.PlannedRun;
import dev.credence.experiments.run.RunExecutor;
import dev.credence.experiments.run.RunPlanner;
import dev.credence.experiments.run.SuiteRunner;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;

import dev.credence.experiments.results.AtomicFile;
import dev.credence.experiments.results.Fingerprint;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.SuiteManifest;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code run SUITE [--out DIR] [--force] [--keep-stale] [--wait]}: validates and plans the whole suite first (data,
 * hyperparameters, fingerprints), takes the folder's lock, runs what has no current result, then prints the
 * summary table and writes it as {@code summary.md} next to the results. SUITE is a path or the name of a file in
 * {@code experiments/suites/}. Exit status 4 when some runs failed (the others are done and summarised). With
 * {@code --shared}, several such processes split one suite's runs between them through per-run claims.
 */
final class RunCommand implements Command {
    /** The suite run when no arguments are given. */
    static final String DEFAULT_SUITE = "quick";

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "run SUITE.json [--out DIR] [--force] [--keep-stale] [--wait] [--shared]   run a suite (default: quick); results in results/<suite>/";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of("--out"), Set.of("--force", "--keep-stale", "--wait", "--shared"), 1);
        Path file = suiteFile(a.positional(0) == null ? DEFAULT_SUITE : a.positional(0));
        Suite suite = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, suite);
        Path folder = a.option("--out") != null ? Path.of(a.option("--out")) : Path.of("results", suite.name());
        ResultStore store = new ResultStore(folder);
        store.checkOwnership(suite.name());
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        RunExecutor executor = new RunExecutor(plan, data);
        store.create();
        boolean shared = a.has("--shared");
        SuiteRunner.Outcome outcome;
        List<RunResult> current;
        String table;
        try (FolderLock lock = shared ? FolderLock.acquireShared(folder, a.has("--wait"), err)
                : FolderLock.acquire(folder, a.has("--wait"), err)) {
            store.claim(suite.name(), !shared);
            Map<String, String> expected = new LinkedHashMap<>();
            plan.forEach(p -> expected.put(p.id(), p.fingerprint()));
            SuiteManifest manifest = new SuiteManifest(suite.name(), expected, null);
            try (FolderLock summaryLock = FolderLock.acquireSummary(folder, err)) {
                manifest.withSummary(SuiteManifest.read(folder).map(SuiteManifest::summarySha256).orElse(null)).write(folder);
            }
            err.println("suite " + suite.name() + ": " + plan.size() + " runs → " + folder + (shared ? " (shared with other writers)" : ""));
            outcome = new SuiteRunner(executor, err).run(plan, store, a.has("--force"), a.has("--keep-stale"));
            try (FolderLock summaryLock = FolderLock.acquireSummary(folder, err)) {
                current = currentResults(plan, store); // with what other writers finished meanwhile
                table = SummaryTable.markdown(current, outcome.stale())
                        + (current.size() < plan.size() - outcome.stale().size()
                        ? "\n" + (plan.size() - outcome.stale().size() - current.size()) + " runs not done yet: claimed by other writers\n" : "");
                byte[] summary = ("# " + suite.name() + "\n\n" + table).getBytes(StandardCharsets.UTF_8);
                AtomicFile.write(folder.resolve(ResultStore.SUMMARY), summary);
                manifest.withSummary(Fingerprint.sha256(summary)).write(folder);
            }
        }
        out.print(table);
        err.println("results: " + folder + " (" + current.size() + " runs; table in "
                + folder.resolve(ResultStore.SUMMARY) + ")");
        List<RunResult> failed = current.stream().filter(RunResult::failed).toList();
        if (!failed.isEmpty()) {
            throw new RunsFailed(failed.size() + " of " + plan.size() + " runs failed (" + failed.get(0).runId()
                    + (failed.size() > 1 ? " and " + (failed.size() - 1) + " more" : "") + "); their result files and "
                    + folder.resolve(ResultStore.SUMMARY) + " hold the messages; run the suite again to retry them");
        }
    }

    /** @return the planned runs' results in the store that carry their planned fingerprint, in run order */
    private static List<RunResult> currentResults(List<PlannedRun> plan, ResultStore store) {
        List<RunResult> out = new java.util.ArrayList<>();
        for (PlannedRun p : plan) {
            RunResult r = store.read(p.id());
            if (r != null && r.isCurrent(p.fingerprint())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Some runs failed: the others are done and summarised; exit status 4. */
    static final class RunsFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunsFailed(String message) {
            super(message);
        }
    }

    /**
     * @param given a path or a suite name
     * @return the path: as given if it exists, else {@code experiments/suites/<given>[.json]}
     */
    static Path suiteFile(String given) {
        Path p = Path.of(given);
        if (Files.exists(p)) {
            return p;
        }
        Path named = Path.of("experiments", "suites", given.endsWith(".json") ? given : given + ".json");
        return Files.exists(named) ? named : p;
    }
}
