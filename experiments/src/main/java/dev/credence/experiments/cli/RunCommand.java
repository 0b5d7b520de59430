package dev.credence.experiments.cli;

import dev.credence.experiments.cli.args.Values;
import dev.credence.experiments.report.SummaryTable;
import dev.credence.experiments.results.AtomicFile;
import dev.credence.experiments.results.Fingerprint;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.run.PlannedRun;
import dev.credence.experiments.run.Shards;
import dev.credence.experiments.run.SuiteRunner;
import dev.credence.experiments.suite.Suite;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code run SUITE [--out DIR] [--force] [--keep-stale] [--wait] [--shared] [--shard i/n] [--jobs N] [--claim-timeout SECONDS]}:
 * validates and plans the whole suite first (data, hyperparameters, fingerprints), takes the folder's lock, runs what
 * has no current result, then prints the summary table and writes it as {@code summary.md} next to the results. SUITE
 * is a path or the name of a file in {@code experiments/suites/}. Exit status 4 when some runs failed (the others are
 * done and summarised). With {@code --shared}, several such processes split one suite's runs between them through
 * per-run claims; {@code --shard i/n} runs only the i-th of n disjoint parts ({@link Shards}), sharing the folder the
 * same way, so the n parts together, run at once or one after the other, make the whole suite. {@code --jobs N}
 * executes N runs at once in this process, each with a single-threaded GEMM ({@link SuiteRunner}); the results are
 * the same as with one.
 */
@CommandLine.Command(name = "run", description = {"Run a suite; results in results/<suite>/ and its summary table on stdout.",
        "Plans the whole suite first (data, hyperparameters, fingerprints), then runs what has no current result."
                + " Exit status 4 when some runs failed (the others are done and summarised)."},
        footer = {"%nExamples:%n  credence run quick%n  credence run quick --jobs 2"
                + "%n  credence run experiments/suites/quick.json --out results/q --shard 0/4"})
final class RunCommand implements Command {
    /** The suite run when no arguments are given. */
    static final String DEFAULT_SUITE = "quick";

    @CommandLine.Parameters(paramLabel = "SUITE", arity = "0..1", defaultValue = DEFAULT_SUITE,
            description = "a suite file, or the name of one in experiments/suites/")
    String suiteArg;
    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "the results folder (default: results/<suite name>)")
    String out;
    @CommandLine.Option(names = "--force", description = "redo every run, even those with a current result")
    boolean force;
    @CommandLine.Option(names = "--keep-stale", description = "keep results whose configuration or data changed"
            + " (reported as stale, never averaged) instead of redoing them")
    boolean keepStale;
    @CommandLine.Option(names = "--wait", description = "wait for the folder's lock instead of stopping when another process holds it")
    boolean await;
    @CommandLine.Option(names = "--shared", description = "share the folder with other processes running the same suite, through per-run claims")
    boolean shared;
    @CommandLine.Option(names = "--shard", paramLabel = "i/n", converter = ShardValue.class,
            description = "run only the i-th of n disjoint parts (0 ≤ i < n), sharing the folder as --shared does")
    Shards.Shard shard;
    @CommandLine.Option(names = "--jobs", paramLabel = "N", converter = Values.Positive.class,
            description = {"execute N runs at once, each with a single-threaded GEMM (1: one run at a time, its products"
                    + " on every core); results are identical; runs that share a fit stay together"})
    int jobs = 1;
    @CommandLine.Option(names = "--claim-timeout", paramLabel = "SECONDS", converter = ClaimTimeout.class,
            description = "how long another writer's claim whose heartbeat stopped is respected")
    int claimTimeout = (int) RunClaims.DEFAULT_TIMEOUT.toSeconds();

    @Override
    public void run(PrintStream out, PrintStream notes) {
        run(out, notes, OutputOptions.defaults());
    }

    @Override
    public void run(PrintStream out, PrintStream err, OutputOptions output) {
        PrintStream info = output.info(err);
        SuitePlan sp = SuitePlan.of(suiteArg, this.out);
        Suite suite = sp.suite();
        Path folder = sp.folder();
        ResultStore store = sp.store();
        List<PlannedRun> plan = sp.runs();
        List<PlannedRun> mine = plan;
        String part = "";
        if (shard != null) {
            Shards shards = sp.shards();
            mine = shards.part(shard);
            part = String.format(Locale.ROOT, ", shard %s: %d of them (%.0f%% of the expected cost; %d groups of runs that share fits)",
                    shard, mine.size(), 100 * shards.shares(shard.count())[shard.index()], shards.units());
        }
        store.create();
        boolean shared = this.shared || shard != null;
        SuiteRunner.Outcome outcome;
        List<RunResult> current;
        String table;
        try (FolderLock lock = shared ? FolderLock.acquireShared(folder, await, info)
                : FolderLock.acquire(folder, await, info)) {
            store.claim(suite.name(), !shared);
            sp.writeManifest(info);
            info.println("suite " + suite.name() + ": " + plan.size() + " runs" + part + " → " + folder
                    + (shared ? " (shared with other writers)" : "") + (jobs > 1 ? ", " + jobs + " at once" : ""));
            outcome = new SuiteRunner(sp.executor(mine), err, output.progress(), Duration.ofSeconds(claimTimeout), jobs)
                    .run(mine, store, force, keepStale);
            try (FolderLock summaryLock = FolderLock.acquireSummary(folder, info)) {
                current = currentResults(plan, store); // with what other writers finished meanwhile
                int notDone = plan.size() - outcome.stale().size() - current.size();
                table = SummaryTable.markdown(current, outcome.stale())
                        + (notDone > 0 ? "\n" + notDone + " runs not done yet: "
                        + (shard != null ? "other shards' or other writers'" : "claimed by other writers") + "\n" : "");
                byte[] summary = ("# " + suite.name() + "\n\n" + table).getBytes(StandardCharsets.UTF_8);
                AtomicFile.write(folder.resolve(ResultStore.SUMMARY), summary);
                sp.manifest().withSummary(Fingerprint.sha256(summary)).write(folder);
            }
        }
        out.print(table);
        err.println("results: " + folder + " (" + current.size() + " runs; table in "
                + folder.resolve(ResultStore.SUMMARY) + ")");
        List<RunResult> failed = (shard == null ? current : currentResults(mine, store)).stream()
                .filter(RunResult::failed).toList();
        if (!failed.isEmpty()) {
            throw new RunsFailed(failed.size() + " of " + (shard == null ? plan.size() + " runs" : mine.size() + " runs of shard " + shard)
                    + " failed (" + failed.get(0).runId()
                    + (failed.size() > 1 ? " and " + (failed.size() - 1) + " more" : "") + "); their result files and "
                    + folder.resolve(ResultStore.SUMMARY) + " hold the messages; run the suite again to retry them");
        }
    }

    /** {@code --shard}'s value ({@link Shards.Shard#parse}). */
    static final class ShardValue implements CommandLine.ITypeConverter<Shards.Shard> {
        @Override
        public Shards.Shard convert(String value) {
            return Shards.Shard.parse(value);
        }
    }

    /** {@code --claim-timeout}'s value: whole seconds, at least {@link RunClaims#MIN_TIMEOUT}. */
    static final class ClaimTimeout extends Values.WholeIn {
        ClaimTimeout() {
            super((int) RunClaims.MIN_TIMEOUT.toSeconds(), Integer.MAX_VALUE, "(two heartbeats of a claim's holder)");
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
