package dev.credence.core.sampling;

import dev.credence.core.engine.Param;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.StepInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StepHook} that keeps evenly spaced parameter snapshots of a sampling chain in one or more windows of its
 * updates: after a burn-in, or in each cycle's sampling phase ({@link StepSizeSchedule.Cyclical#samplingWindows}).
 * In a window of updates [B, E) with S samples wanted, the thinning is k = ⌊(E − B)/S⌋ and the chain is kept after
 * updates B + j·k for the last S values of j = 1 … ⌊(E − B)/k⌋, so the samples span the window and the last one is
 * within k − 1 updates of its end. Only the kept snapshots are ever allocated.
 */
public final class SnapshotCollector implements StepHook {
    private final List<Param> params;
    private final long[] start;
    private final long[] end;
    private final long[] thinning;
    private final long[] firstKept;
    private final long[] lastKept;
    private final List<float[]> snapshots = new ArrayList<>();

    /**
     * A window of a chain's updates: the 0-based updates start … end − 1; a snapshot taken in it follows one of them.
     *
     * @param start first update, ≥ 0
     * @param end   one past the last update, &gt; start
     */
    public record Window(long start, long end) {
        /** Checks the bounds. */
        public Window {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("a window needs 0 ≤ start < end, got [" + start + ", " + end + ")");
            }
        }

        /** @return end − start */
        public long length() {
            return end - start;
        }
    }

    /**
     * One window: every update after the burn-in.
     *
     * @param params      parameters to copy
     * @param burnInSteps B ≥ 0, updates before the first kept sample may be taken
     * @param totalSteps  T, updates the chain will make
     * @param samples     S ≥ 1, snapshots to keep; needs T − B ≥ S
     */
    public SnapshotCollector(List<Param> params, long burnInSteps, long totalSteps, int samples) {
        this(params, List.of(windowAfter(burnInSteps, totalSteps, samples)), samples);
    }

    /**
     * @param params           parameters to copy
     * @param windows          disjoint windows in ascending order, at least one
     * @param samplesPerWindow S ≥ 1 snapshots kept in each; every window needs at least S updates
     */
    public SnapshotCollector(List<Param> params, List<Window> windows, int samplesPerWindow) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a snapshot collector needs at least one window");
        }
        this.params = List.copyOf(params);
        int n = windows.size();
        start = new long[n];
        end = new long[n];
        thinning = new long[n];
        firstKept = new long[n];
        lastKept = new long[n];
        for (int w = 0; w < n; w++) {
            Window window = windows.get(w);
            if (w > 0 && window.start() < end[w - 1]) {
                throw new IllegalArgumentException("windows overlap or are out of order: " + windows);
            }
            start[w] = window.start();
            end[w] = window.end();
            thinning[w] = thinning(window.start(), window.end(), samplesPerWindow);
            lastKept[w] = window.length() / thinning[w];
            firstKept[w] = lastKept[w] - samplesPerWindow + 1;
        }
    }

    private static Window windowAfter(long burnInSteps, long totalSteps, int samples) {
        thinning(burnInSteps, totalSteps, samples);
        return new Window(burnInSteps, totalSteps);
    }

    /**
     * @param burnInSteps B ≥ 0
     * @param totalSteps  T
     * @param samples     S ≥ 1
     * @return k = ⌊(T − B)/S⌋ ≥ 1
     */
    public static long thinning(long burnInSteps, long totalSteps, int samples) {
        if (burnInSteps < 0 || samples < 1) {
            throw new IllegalArgumentException("need burn-in ≥ 0 and samples ≥ 1, got " + burnInSteps + " and " + samples);
        }
        long post = totalSteps - burnInSteps;
        if (post < samples) {
            throw new IllegalArgumentException(samples + " samples need at least as many post-burn-in updates, got " + post);
        }
        return post / samples;
    }

    @Override
    public void afterStep(StepInfo step) {
        long t = step.globalStep();
        for (int w = 0; w < start.length; w++) {
            if (t >= start[w] && t < end[w]) {
                long after = t + 1 - start[w];
                if (after % thinning[w] == 0) {
                    long j = after / thinning[w];
                    if (j >= firstKept[w] && j <= lastKept[w]) {
                        snapshots.add(ParameterSnapshots.capture(params));
                    }
                }
                return;
            }
        }
    }

    /** @return k, updates between kept samples, of the first window (the same in every window of its length) */
    public long thinningInterval() {
        return thinning[0];
    }

    /** @return the snapshots kept so far, oldest first */
    public List<float[]> snapshots() {
        return java.util.Collections.unmodifiableList(snapshots);
    }
}
