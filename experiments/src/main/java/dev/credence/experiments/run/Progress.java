package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a suite on stderr: runs done / total, the current run, epoch and loss, elapsed time and ETA
 * (estimated from the mean wall time of the runs finished so far). {@link Mode#LINES} prints a line per event,
 * {@link Mode#BAR} keeps one line updated in place (for a terminal), {@link Mode#NONE} prints no progress. Notes (a
 * stale result, how a suite is split) are printed unless the style is quiet; problems (a run that failed or
 * diverged) always are, on a line of their own.
 *
 * <p>Runs may be executed at once ({@code run --jobs}): every method is safe to call from several threads, each
 * line names its run and carries the number the run got when it started (a finished run's line also says how many
 * are done), and the bar shows every run in progress, separated by {@code " | "} (the last event when none is). The
 * ETA then divides the remaining work by the number of runs going at once.
 */
public final class Progress {
    /** How progress is shown. */
    public enum Mode {
        /** One line, rewritten in place: runs done / total, ETA, the current run and its epoch. */
        BAR,
        /** A line per run started, epoch trained and run finished or skipped. */
        LINES,
        /** No progress. */
        NONE;

        /**
         * @param value {@code bar}, {@code lines} or {@code none}
         * @return the mode
         */
        public static Mode parse(String value) {
            for (Mode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return m;
                }
            }
            throw new CredenceInputException("--progress: unknown value '" + value + "'; expected bar, lines or none");
        }
    }

    /**
     * @param mode    how progress is shown
     * @param quiet   leave out notes: only problems (and the caller's final summary) are printed
     * @param columns width of the terminal, to which a bar is cut
     */
    public record Style(Mode mode, boolean quiet, int columns) {
        /** A line per event, notes included: what a log file wants. */
        public static final Style LINES = new Style(Mode.LINES, false, 80);
    }

    /** The bar is redrawn at most this often, except when a run finishes. */
    private static final long BAR_REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final int total;
    private final Style style;
    private final int jobs;
    private final long start = System.nanoTime();
    /** Each run in progress → what the bar shows of it, in the order they started. */
    private final Map<String, String> running = new LinkedHashMap<>();
    /** Each run in progress → the number it started with. */
    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private int started;
    private int done;
    private int executed;
    private double executedSeconds;
    private String bar = "";
    private long barDrawn;

    /**
     * @param err   where to print
     * @param total runs in the suite
     */
    public Progress(PrintStream err, int total) {
        this(err, total, Style.LINES);
    }

    /**
     * @param err   where to print
     * @param total runs in the suite (or in the part of it this writer runs)
     * @param style how
     */
    public Progress(PrintStream err, int total, Style style) {
        this(err, total, style, 1);
    }

    /**
     * @param err   where to print
     * @param total runs in the suite (or in the part of it this writer runs)
     * @param style how
     * @param jobs  runs executed at once, ≥ 1
     */
    public Progress(PrintStream err, int total, Style style, int jobs) {
        this.err = err;
        this.total = total;
        this.style = style;
        this.jobs = jobs;
    }

    /** @param text a note, e.g. that stale results will be redone: left out when quiet */
    public synchronized void note(String text) {
        if (!style.quiet()) {
            line(text);
        }
    }

    /** @param text a problem, e.g. a run that failed: always printed */
    public synchronized void problem(String text) {
        line(text);
    }

    /** @param what a run skipped because its result exists */
    public synchronized void skipped(String what) {
        started++;
        done++;
        // its number, as a run started now would get (one at a time, that is also the runs done)
        show(String.format(Locale.ROOT, "[%d/%d] %s: result exists, skipped", started, total, what), what, true);
    }

    /**
     * @param what the run starting
     * @return a listener printing each epoch of this run, then each shifted or OOD set it is scored on
     */
    public synchronized RunListener starting(String what) {
        int number = ++started;
        running.put(what, what);
        numbers.put(what, number);
        show(String.format(Locale.ROOT, "[%d/%d] %s: training…%s", number, total, what, eta()), what, true);
        return new RunListener() {
            @Override
            public void onEpochEnd(String method, EpochRecord record, int totalEpochs) {
                epoch(number, what, method, record, totalEpochs);
            }

            @Override
            public void onSetScored(String set, int index, int count, double seconds) {
                scored(number, what, set, index, count, seconds);
            }
        };
    }

    private synchronized void scored(int number, String what, String set, int index, int count, double seconds) {
        if (style.mode() == Mode.NONE) {
            return;
        }
        if (style.mode() == Mode.BAR) {
            String state = what + " · scored " + index + "/" + count + " sets";
            running.replace(what, state);
            show(null, state, false);
            return;
        }
        // the sets left at this set's pace: an estimate, like the suite's ETA
        err.printf(Locale.ROOT, "[%d/%d] %s: scored %s (%d/%d sets, %.1fs; about %.0fs left)%n", number, total, what,
                set, index, count, seconds, seconds * (count - index));
    }

    private synchronized void epoch(int number, String what, String method, EpochRecord record, int totalEpochs) {
        if (style.mode() == Mode.NONE) {
            return;
        }
        if (style.mode() == Mode.BAR) {
            String state = what + " · " + method + " epoch " + record.epoch() + "/" + totalEpochs;
            running.replace(what, state);
            show(null, state, false);
            return;
        }
        StringBuilder terms = new StringBuilder();
        record.terms().forEach((k, v) -> terms.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v)));
        err.printf(Locale.ROOT, "[%d/%d] %s: epoch %d/%d%s (%.1fs)%n", number, total, what, record.epoch(), totalEpochs,
                terms, record.seconds());
    }

    /**
     * @param what    the finished run
     * @param status  e.g. "ok" or "diverged"
     * @param seconds its wall time
     */
    public synchronized void finished(String what, String status, double seconds) {
        running.remove(what);
        Integer number = numbers.remove(what);
        done++;
        executed++;
        executedSeconds += seconds;
        String line = jobs == 1 || number == null
                ? String.format(Locale.ROOT, "[%d/%d] %s: %s in %.1fs%s", done, total, what, status, seconds, eta())
                : String.format(Locale.ROOT, "[%d/%d] %s: %s in %.1fs (%d done, %s", number, total, what, status, seconds,
                done, eta().substring(" (".length()));
        show(line, what, true);
    }

    /** Ends the bar's line, so what follows starts on a line of its own. */
    public synchronized void close() {
        if (!bar.isEmpty()) {
            err.println();
            err.flush();
            bar = "";
        }
    }

    /** Prints an event as a line ({@link Mode#LINES}) or as the bar's new state ({@link Mode#BAR}). */
    private void show(String line, String current, boolean force) {
        switch (style.mode()) {
            case LINES -> err.println(line);
            case BAR -> drawBar(current, force);
            case NONE -> {
            }
        }
    }

    private void drawBar(String current, boolean force) {
        long now = System.nanoTime();
        if (!force && now - barDrawn < BAR_REDRAW_NANOS) {
            return;
        }
        barDrawn = now;
        String shown = running.isEmpty() ? current : String.join(" | ", running.values());
        String text = String.format(Locale.ROOT, "[%d/%d]%s · %s", done, total, eta(), shown);
        int width = Math.max(20, style.columns() - 1);
        if (text.codePointCount(0, text.length()) > width) {
            text = text.substring(0, text.offsetByCodePoints(0, width - 1)) + "…";
        }
        bar = text;
        err.print("\r\033[K" + text);
        err.flush();
    }

    /** Prints a line of its own: under the bar, which is drawn again after it. */
    private void line(String text) {
        if (bar.isEmpty()) {
            err.println(text);
            return;
        }
        err.print("\r\033[K");
        err.println(text);
        err.print(bar);
        err.flush();
    }

    private String eta() {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (executed == 0) {
            return String.format(Locale.ROOT, " (elapsed %s)", duration(elapsed));
        }
        double remaining = executedSeconds / executed * (total - done) / jobs;
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
