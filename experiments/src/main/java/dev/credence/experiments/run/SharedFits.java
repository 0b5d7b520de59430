package dev.credence.experiments.run;

import dev.credence.experiments.results.RunConfig;
import dev.credence.core.spi.FitResult;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.PreparedData;
import dev.credence.experiments.suite.ResolvedMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fits that the methods of one training set and seed share: each base is trained once per (training data, seed,
 * resolved base configuration), where a dataset and its long-tailed-test twin train on the same data and handed to every method built on it, and a method the suite also lists in its own right
 * takes the fit that was made as a base (or the other way round); a dataset's reference ({@link #reference}) is shared
 * the same way. A fit is kept while a planned run still needs it; so is a fit that failed, which is not tried again.
 * One instance serves one thread; runs executed at once each use their own instance, and runs that share a fit must
 * go to the same one ({@link Shards} groups them), so each fit is still made once. The count of fits trained may be
 * shared between instances.
 */
final class SharedFits {
    private final Map<String, Integer> uses = new HashMap<>();
    private final Map<String, FitResult> fits = new HashMap<>();
    /** Fits that failed, by key, kept as long as a fit would be, so a failed fit is not made again for the next run. */
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private final AtomicInteger trained;

    /**
     * @param plan    the suite's runs, to count how often each fit will be asked for
     * @param trained counts the fits trained from scratch, possibly with other instances
     */
    SharedFits(List<PlannedRun> plan, AtomicInteger trained) {
        this.trained = trained;
        for (PlannedRun run : plan) {
            for (ResolvedMethod m : fitted(run)) {
                uses.merge(key(run, m), 1, Integer::sum);
            }
        }
    }

    /**
     * @param run a planned run
     * @return every fit the run asks for: its method, the method's bases (recursively), and the reference it is
     *     scored against when its dataset names one (a row and its reference are one unit, like a row and its base)
     */
    static List<ResolvedMethod> fitted(PlannedRun run) {
        List<ResolvedMethod> out = new ArrayList<>();
        for (ResolvedMethod m = run.method(); m != null; m = m.base()) {
            out.add(m);
        }
        if (run.reference() != null) {
            out.add(run.reference());
        }
        return out;
    }

    /**
     * @return the key of a fit: one per training data and seed ({@link RunConfig#trainingKey()}: a dataset and its
     *     long-tailed-test twin share it) and resolved configuration of the method fitted
     */
    static String key(PlannedRun run, ResolvedMethod m) {
        return run.config().trainingKey() + "\u0000" + m.config().fingerprint();
    }

    /** @return how many fits of methods trained from scratch were made by every instance sharing the count (a shared base counts once) */
    int freshFits() {
        return trained.get();
    }

    /**
     * @param run      the run being executed
     * @param data     its prepared data
     * @param seeds    its seeds
     * @param listener progress
     * @return the fit of the run's method: shared when another run already made it, with its bases shared likewise
     */
    FitResult fit(PlannedRun run, PreparedData data, Seeds seeds, TrainingListener listener) {
        return fit(run, run.method(), data, seeds, listener);
    }

    /**
     * @param run      a run whose dataset names a reference ({@link PlannedRun#reference()} non-null)
     * @param data     its prepared data
     * @param seeds    its seeds
     * @param listener progress
     * @return the reference's fit, made once per training data and seed and shared with the reference's own row
     * @throws ReferenceFitFailed when the reference cannot be fitted: its message names the reference
     */
    FitResult reference(PlannedRun run, PreparedData data, Seeds seeds, TrainingListener listener) {
        ResolvedMethod reference = run.reference();
        try {
            return fit(run, reference, data, seeds, listener);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new ReferenceFitFailed(reference, run.method(), e);
        }
    }

    private FitResult fit(PlannedRun run, ResolvedMethod m, PreparedData data, Seeds seeds,
                          TrainingListener listener) {
        String key = key(run, m);
        try {
            return fitOrFailure(run, m, key, data, seeds, listener);
        } catch (RuntimeException e) {
            failures.putIfAbsent(key, e); // deterministic: asking again would fail again, after as long
            throw e;
        } finally {
            if (uses.merge(key, -1, Integer::sum) <= 0) {
                uses.remove(key);
                fits.remove(key);
                failures.remove(key);
            }
        }
    }

    private FitResult fitOrFailure(PlannedRun run, ResolvedMethod m, String key, PreparedData data, Seeds seeds,
                                   TrainingListener listener) {
        RuntimeException failed = failures.get(key);
        if (failed != null) {
            throw failed;
        }
        FitResult fit = fits.get(key);
        if (fit == null) {
            if (m.base() == null) {
                fit = m.trainer(seeds.method(), seeds.own()).fit(data.train(), data.validation(), listener);
                trained.incrementAndGet();
            } else {
                FitResult base;
                try {
                    base = fit(run, m.base(), data, seeds, listener);
                } catch (BaseFitFailed e) {
                    throw e;
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    throw new BaseFitFailed(m.base(), m, e);
                }
                fit = m.composedTrainer(seeds.method(), seeds.own()).fitOn(base, data.train(), data.validation(), listener);
            }
            fits.put(key, fit);
        }
        return fit;
    }

    /** Drops every kept fit: the suite moved on to other training data or another seed, whose fits are its own. */
    void clear() {
        fits.clear();
        failures.clear();
    }

    /** A run failed because its reference could not be fitted: the message names the reference. */
    static final class ReferenceFitFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReferenceFitFailed(ResolvedMethod reference, ResolvedMethod of, Throwable cause) {
            super("reference '" + reference.name() + "' (" + reference.chain() + ") of '" + of.name() + "' failed: "
                    + RunFailure.message(cause), cause);
        }
    }

    /** A run failed while fitting its base: the message names the base. */
    static final class BaseFitFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BaseFitFailed(ResolvedMethod base, ResolvedMethod of, Throwable cause) {
            super("base '" + base.name() + "' (" + base.chain() + ") of '" + of.name() + "' failed: " + RunFailure.message(cause), cause);
        }
    }
}
