package dev.credence.experiments.run;

import dev.credence.core.kernel.Sgemm;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.RunResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the planned runs of a suite that have no current result, writing each result atomically as soon as it is
 * done, with progress on stderr. A result is current when its fingerprint is the planned one; a stale result (its
 * configuration or data changed) is redone, or kept and reported as stale with {@code keepStale}; a failed one is
 * retried; when the suite stores predictions, a current ok result without its predictions file is redone. A run
 * that diverges or fails is recorded with its status and the suite goes on. Each run is claimed
 * ({@link RunClaims}) before it trains, so writers sharing the folder never train one run twice; a run claimed by
 * another live writer is left to it.
 *
 * <p>With {@code jobs} above 1, that many runs are executed at once, each on a thread of its own whose products are
 * single-threaded ({@link Sgemm#threadsOfThisThread}): the runs that share a fit form a unit ({@link Shards}), each
 * unit goes whole to one worker (so a shared base is still trained once), and the workers take units most costly
 * first. Results do not depend on it: a run's result is a function of its seeds alone, and the GEMM gives the same
 * bits at any thread count. Fewer runs go at once when the largest runs' estimated heaps ({@link RunBudget}) would
 * not fit together (said in a note). When at most one unit has work left, the runs are executed one after the other as with
 * {@code jobs} 1, their products on every thread. A run that fails is recorded and the others go on; an error that
 * is not a run's (the folder cannot be written) stops every worker before its next run and is thrown once they stop.
 */
public final class SuiteRunner {
    private final RunExecutor executor;
    private final PrintStream err;
    private final Progress.Style style;
    private final Duration claimTimeout;
    private final int jobs;

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
        this(executor, err, style, claimTimeout, 1);
    }

    /**
     * @param executor     runs one planned run; each worker takes its own {@link RunExecutor#worker()}
     * @param err          progress stream
     * @param style        how progress is shown
     * @param claimTimeout after how long without a heartbeat another writer's claim is abandoned ({@link RunClaims})
     * @param jobs         runs executed at once, ≥ 1
     */
    public SuiteRunner(RunExecutor executor, PrintStream err, Progress.Style style, Duration claimTimeout, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be ≥ 1, got " + jobs);
        }
        this.executor = executor;
        this.err = err;
        this.style = style;
        this.claimTimeout = claimTimeout;
        this.jobs = jobs;
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
        Progress progress = new Progress(err, plan.size(), style, jobs);
        if (!staleIds.isEmpty()) {
            progress.note(staleIds.size() + " stale result" + (staleIds.size() == 1 ? "" : "s")
                    + " (configuration or data changed since they were made) " + (keepStale ? "kept, reported as stale and not averaged" : "will be redone")
                    + ": " + abbreviate(staleIds));
        }
        RunClaims claims = new RunClaims(store.folder(), claimTimeout);
        Attempt attempt = new Attempt(plan, existing, store, force, keepStale, claims, progress);
        Kept[] kept = new Kept[plan.size()];
        List<List<Integer>> pending = new ArrayList<>();
        for (List<Integer> unit : jobs > 1 ? units(plan) : List.<List<Integer>>of()) {
            if (unit.stream().anyMatch(i -> attempt.keep(i) == null)) {
                pending.add(unit);
            }
        }
        if (pending.size() <= 1) {
            for (int i = 0; i < plan.size(); i++) {
                kept[i] = attempt.of(i, executor);
            }
        } else {
            List<PlannedRun> runs = pending.stream().flatMap(List::stream).map(plan::get).toList();
            int fit = RunBudget.concurrent(runs, Math.min(jobs, pending.size()), Runtime.getRuntime().maxMemory());
            if (fit < Math.min(jobs, pending.size())) {
                progress.note("--jobs " + jobs + ": " + fit + " at once, as the largest runs' estimated heaps together"
                        + " leave no room for more (raise -Xmx for more)");
            }
            inWorkers(pending, attempt, kept, fit);
        }
        progress.close();
        List<RunResult> current = new ArrayList<>();
        List<RunResult> stale = new ArrayList<>();
        for (Kept k : kept) {
            if (k.current() != null) {
                current.add(k.current());
            } else if (k.stale() != null) {
                stale.add(k.stale());
            }
        }
        return new Outcome(current, stale);
    }

    /** @return the positions in the plan of each unit's runs ({@link Shards#unitsByCost}), most costly unit first */
    private static List<List<Integer>> units(List<PlannedRun> plan) {
        Map<PlannedRun, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            index.put(plan.get(i), i);
        }
        return Shards.of(plan).unitsByCost().stream().map(unit -> unit.stream().map(index::get).toList()).toList();
    }

    /**
     * Executes the pending units on {@code workerCount} threads, each unit whole on one of them, its runs
     * in plan order with a worker executor of its own; the runs of the other units are kept (reported as skipped) first.
     * Fills {@code kept} by plan position.
     */
    private void inWorkers(List<List<Integer>> pending, Attempt attempt, Kept[] kept, int workerCount) {
        java.util.Set<Integer> executed = new java.util.HashSet<>();
        pending.forEach(executed::addAll);
        for (int i = 0; i < kept.length; i++) {
            if (!executed.contains(i)) {
                kept[i] = attempt.of(i, executor);
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> stop = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            Thread t = new Thread(() -> {
                try (Sgemm.ThreadScope single = Sgemm.threadsOfThisThread(1)) {
                    for (int u; stop.get() == null && (u = next.getAndIncrement()) < pending.size(); ) {
                        RunExecutor own = executor.worker();
                        for (int i : pending.get(u)) {
                            if (stop.get() != null) {
                                break;
                            }
                            kept[i] = attempt.of(i, own);
                        }
                    }
                } catch (RuntimeException | Error e) {
                    stop.compareAndSet(null, e);
                }
            }, "credence-run-" + (w + 1));
            workers.add(t);
            t.start();
        }
        boolean interrupted = false;
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the workers finish their current runs, whose results are written whole
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = stop.get();
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] == null) {
                throw new IllegalStateException("run " + i + " was neither executed nor kept");
            }
        }
    }

    /** What became of a planned run: its current result, a stale result kept, or neither (left to another writer). */
    private record Kept(RunResult current, RunResult stale) {
    }

    /** How one planned run is skipped, kept, left to another writer or executed: the same for every worker. */
    private final class Attempt {
        private final List<PlannedRun> plan;
        private final List<RunResult> existing;
        private final ResultStore store;
        private final boolean force;
        private final boolean keepStale;
        private final RunClaims claims;
        private final Progress progress;

        Attempt(List<PlannedRun> plan, List<RunResult> existing, ResultStore store, boolean force, boolean keepStale,
                RunClaims claims, Progress progress) {
            this.plan = plan;
            this.existing = existing;
            this.store = store;
            this.force = force;
            this.keepStale = keepStale;
            this.claims = claims;
            this.progress = progress;
        }

        /** @return how run i is kept without executing it, or null when it needs executing (claims not asked) */
        Kept keep(int i) {
            PlannedRun p = plan.get(i);
            RunResult old = existing.get(i);
            boolean isCurrent = old != null && old.isCurrent(p.fingerprint());
            if (!force && isCurrent && !old.failed() && !lacksPredictions(p, old, store)) {
                return new Kept(old, null);
            }
            if (!force && old != null && !isCurrent && keepStale) {
                return new Kept(null, old);
            }
            return null;
        }

        /** Skips, keeps or claims and executes run i with {@code executor}, reporting it. */
        Kept of(int i, RunExecutor executor) {
            PlannedRun p = plan.get(i);
            Kept kept = keep(i);
            if (kept != null) {
                progress.skipped(p.spec().toString() + (kept.stale() != null ? " (stale, kept)" : ""));
                return kept;
            }
            try (RunClaims.Claim claim = claims.tryClaim(p.id())) {
                if (claim == null) {
                    progress.skipped(p.spec() + ": claimed by another writer (" + claims.holder(p.id()) + "), left to it");
                    return new Kept(null, null);
                }
                RunResult now = force ? null : store.read(p.id());
                if (now != null && now.isCurrent(p.fingerprint()) && !now.failed() && !lacksPredictions(p, now, store)) {
                    progress.skipped(p.spec().toString()); // another writer finished it meanwhile
                    return new Kept(now, null);
                }
                return new Kept(execute(p, executor, store, progress), null);
            }
        }
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
    private static RunResult execute(PlannedRun p, RunExecutor executor, ResultStore store, Progress progress) {
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
