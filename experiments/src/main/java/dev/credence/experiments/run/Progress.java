package dev.credence.experiments.run;

import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a suite on stderr: runs done / total, the current run, epoch and loss, elapsed time and ETA
 * (estimated from the mean wall time of the runs finished so far).
 */
public final class Progress {
    private final PrintStream err;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int executed;
    private double executedSeconds;

    /**
     * @param err   where to print
     * @param total runs in the suite
     */
    public Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /** @param what a run skipped because its result exists */
    public void skipped(String what) {
        done++;
        err.printf(Locale.ROOT, "[%d/%d] %s: result exists, skipped%n", done, total, what);
    }

    /**
     * @param what the run starting
     * @return a listener printing each epoch of this run
     */
    public TrainingListener starting(String what) {
        err.printf(Locale.ROOT, "[%d/%d] %s: training…%s%n", done + 1, total, what, eta());
        return (method, record, totalEpochs) -> epoch(what, record, totalEpochs);
    }

    private void epoch(String what, EpochRecord record, int totalEpochs) {
        StringBuilder terms = new StringBuilder();
        record.terms().forEach((k, v) -> terms.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v)));
        err.printf(Locale.ROOT, "[%d/%d] %s: epoch %d/%d%s (%.1fs)%n", done + 1, total, what, record.epoch(), totalEpochs,
                terms, record.seconds());
    }

    /**
     * @param what    the finished run
     * @param status  e.g. "ok" or "diverged"
     * @param seconds its wall time
     */
    public void finished(String what, String status, double seconds) {
        done++;
        executed++;
        executedSeconds += seconds;
        err.printf(Locale.ROOT, "[%d/%d] %s: %s in %.1fs%s%n", done, total, what, status, seconds, eta());
    }

    private String eta() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (executed == 0) {
            return String.format(Locale.ROOT, " (elapsed %s)", duration(elapsed));
        }
        double remaining = executedSeconds / executed * (total - done);
        return String.format(Locale.ROOT, " (elapsed %s, ETA %s)", duration(elapsed), duration(remaining));
    }

    /** @return seconds as "1h02m", "3m05s" or "12s" */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
