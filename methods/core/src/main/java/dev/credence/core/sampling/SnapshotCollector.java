package dev.credence.core.sampling;

import dev.credence.core.engine.Param;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.StepInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StepHook} that keeps evenly spaced parameter snapshots of a sampling chain after its burn-in. With B
 * burn-in updates, T updates in all and S samples wanted, the thinning is k = ⌊(T − B)/S⌋ and the chain is kept
 * after updates B + j·k for the last S values of j = 1 … ⌊(T − B)/k⌋, so the samples span the post-burn-in phase
 * and the final one is within k − 1 updates of its end. Only the S kept snapshots are ever allocated.
 */
public final class SnapshotCollector implements StepHook {
    private final List<Param> params;
    private final long burnInSteps;
    private final long thinning;
    private final long firstKept;
    private final long lastKept;
    private final List<float[]> snapshots = new ArrayList<>();

    /**
     * @param params      parameters to copy
     * @param burnInSteps B ≥ 0, updates before the first kept sample may be taken
     * @param totalSteps  T, updates the chain will make
     * @param samples     S ≥ 1, snapshots to keep; needs T − B ≥ S
     */
    public SnapshotCollector(List<Param> params, long burnInSteps, long totalSteps, int samples) {
        this.params = List.copyOf(params);
        this.burnInSteps = burnInSteps;
        this.thinning = thinning(burnInSteps, totalSteps, samples);
        this.lastKept = (totalSteps - burnInSteps) / thinning;
        this.firstKept = lastKept - samples + 1;
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
        long after = step.globalStep() + 1 - burnInSteps;
        if (after > 0 && after % thinning == 0) {
            long j = after / thinning;
            if (j >= firstKept && j <= lastKept) {
                snapshots.add(ParameterSnapshots.capture(params));
            }
        }
    }

    /** @return k, updates between kept samples */
    public long thinningInterval() {
        return thinning;
    }

    /** @return the snapshots kept so far, oldest first */
    public List<float[]> snapshots() {
        return java.util.Collections.unmodifiableList(snapshots);
    }
}
