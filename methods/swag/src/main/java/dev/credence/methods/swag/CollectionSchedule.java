package dev.credence.methods.swag;

import dev.credence.core.train.StepInfo;

/**
 * After which updates of a training loop SWAG records the parameters: after the last update of every epoch, or after
 * every c-th update (updates c, 2c, …, counted from the loop's first). The loop is the SWAG phase, started from the
 * trained base, so the base's own parameters are not an iterate (Maddox et al. 2019, Algorithm 1).
 */
public final class CollectionSchedule {
    /** Updates between collections; 0 for once per epoch. */
    private final long interval;

    private CollectionSchedule(long interval) {
        this.interval = interval;
    }

    /** @return collection after the last update of each epoch (the paper's schedule) */
    public static CollectionSchedule everyEpoch() {
        return new CollectionSchedule(0);
    }

    /**
     * @param interval c ≥ 1
     * @return collection after updates c, 2c, 3c, …
     */
    public static CollectionSchedule everySteps(long interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("a collection interval must be ≥ 1 update, got " + interval);
        }
        return new CollectionSchedule(interval);
    }

    /**
     * @param step the update just applied
     * @return whether the parameters are to be recorded now
     */
    public boolean collectsAfter(StepInfo step) {
        return interval == 0 ? step.step() == step.stepsPerEpoch() - 1 : (step.globalStep() + 1) % interval == 0;
    }

    @Override
    public String toString() {
        return interval == 0 ? "every epoch" : "every " + interval + " updates";
    }
}
