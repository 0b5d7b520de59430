package dev.credence.core.train;

/** Called after every optimizer update, e.g. to collect posterior samples. */
@FunctionalInterface
public interface StepHook {
    /** A hook that does nothing. */
    StepHook NONE = step -> { };

    /** @param step the step just applied */
    void afterStep(StepInfo step);
}
