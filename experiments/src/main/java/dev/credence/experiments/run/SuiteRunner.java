package dev.credence.experiments.run;

import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.RunResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the planned runs of a suite that have no current result, writing each result atomically as soon as it is
 * done, with progress on stderr. A result is current when its fingerprint is the planned one; a stale result (its
 * configuration or data changed) is redone, or kept and reported as stale with {@code keepStale}; a failed one is
 * retried; when the suite stores predictions, a current ok result without its predictions file is redone. A run
 * that diverges or fails is recorded with its status and the suite goes on. Each run is claimed
 * ({@link RunClaims}) before it trains, so writers sharing the folder never train one run twice; a run claimed by
 * another live writer is left to it.
 */
public final class SuiteRunner {
    private final RunExecutor executor;
    private final PrintStream err;
    private final Progress.Style style;
    private final Duration claimTimeout;

    /**
     * @param executor runs one planned run
     * @param err      progress stream
     */
    public SuiteRunner(RunExecutor executor, PrintStream err) {
        this(executor, err, Progress.Style.LINES, RunClaims.DEFAULT_TIMEOUT);
    }

    /**
     * @param executor     runs one planned run
     * @param err          progress stream
     * @param style        how progress is shown
     * @param claimTimeout after how long without a heartbeat another writer's claim is abandoned ({@link RunClaims})
     */
    public SuiteRunner(RunExecutor executor, PrintStream err, Progress.Style style, Duration claimTimeout) {
        this.executor = executor;
        this.err = err;
        this.style = style;
        this.claimTimeout = claimTimeout;
    }

    /**
     * What a suite run left in its folder.
     *
     * @param current results of the planned runs with the planned fingerprint, in run order (any status)
     * @param stale   results kept with {@code keepStale} although their fingerprint differs, in run order
     */
    public record Outcome(List<RunResult> current, List<RunResult> stale) {
        /** @return the current results whose status is {@code failed} */
        public List<RunResult> failed() {
            return current.stream().filter(RunResult::failed).toList();
        }
    }

    /**
     * @param plan      the suite's runs
     * @param store     where results go (claimed, locked)
     * @param force     redo runs whose result is current
     * @param keepStale keep stale results instead of redoing them
     * @return the results
     */
    public Outcome run(List<PlannedRun> plan, ResultStore store, boolean force, boolean keepStale) {
        List<RunResult> existing = new ArrayList<>();
        List<String> staleIds = new ArrayList<>();
        for (PlannedRun p : plan) {
            RunResult r = store.read(p.id());
            existing.add(r);
            if (r != null && !r.isCurrent(p.fingerprint())) {
                staleIds.add(p.id());
            }
        }
        Progress progress = new Progress(err, plan.size(), style);
        if (!staleIds.isEmpty()) {
            progress.note(staleIds.size() + " stale result" + (staleIds.size() == 1 ? "" : "s")
                    + " (configuration or data changed since they were made) " + (keepStale ? "kept, reported as stale and not averaged" : "will be redone")
                    + ": " + abbreviate(staleIds));
        }
        RunClaims claims = new RunClaims(store.folder(), claimTimeout);
        List<RunResult> current = new ArrayList<>();
        List<RunResult> stale = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedRun p = plan.get(i);
            RunResult old = existing.get(i);
            boolean isCurrent = old != null && old.isCurrent(p.fingerprint());
            if (!force && isCurrent && !old.failed() && !lacksPredictions(p, old, store)) {
                progress.skipped(p.spec().toString());
                current.add(old);
                continue;
            }
            if (!force && old != null && !isCurrent && keepStale) {
                progress.skipped(p.spec().toString() + " (stale, kept)");
                stale.add(old);
                continue;
            }
            try (RunClaims.Claim claim = claims.tryClaim(p.id())) {
                if (claim == null) {
                    progress.skipped(p.spec() + ": claimed by another writer (" + claims.holder(p.id()) + "), left to it");
                    continue;
                }
                RunResult now = force ? null : store.read(p.id());
                if (now != null && now.isCurrent(p.fingerprint()) && !now.failed() && !lacksPredictions(p, now, store)) {
                    progress.skipped(p.spec().toString()); // another writer finished it meanwhile
                    current.add(now);
                    continue;
                }
                current.add(execute(p, store, progress));
            }
        }
        progress.close();
        return new Outcome(current, stale);
    }

    /**
     * @return whether the suite stores predictions and an ok result's predictions file is missing (or was written for
     *     another fingerprint): then the run is redone
     */
    private static boolean lacksPredictions(PlannedRun p, RunResult r, ResultStore store) {
        return p.spec().suite().storePredictions() && r.ok() && !store.hasPredictions(p.id(), p.fingerprint());
    }

    /**
     * Executes a claimed run, records it whatever happens (its predictions first, when the suite stores them), and
     * reports it.
     */
    private RunResult execute(PlannedRun p, ResultStore store, Progress progress) {
        long start = System.nanoTime();
        RunResult result;
        try {
            result = executor.execute(p, progress.starting(p.spec().toString()), predictions -> {
                if (p.spec().suite().storePredictions()) {
                    store.writePredictions(p.id(), p.fingerprint(), predictions);
                }
            });
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            result = RunExecutor.failed(p, e);
        }
        store.write(result);
        if (result.diverged()) {
            progress.problem("  " + result.divergence().message());
        } else if (result.failed()) {
            progress.problem("  " + p.spec() + " failed: " + result.error().message());
        }
        progress.finished(p.spec().toString(), result.status().json(), (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
    }
}
