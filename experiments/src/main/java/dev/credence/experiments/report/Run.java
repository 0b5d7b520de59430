package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;

/** One run result with the accessors the report needs. */
final class Run {
    private static final int[] NONE = new int[0];
    private final RunResult result;

    Run(RunResult result) {
        this.result = result;
    }

    RunResult result() {
        return result;
    }

    String id() {
        return result.runId();
    }

    String suite() {
        return result.suite();
    }

    long seed() {
        return result.seed();
    }

    String dataset() {
        return result.dataset().name();
    }

    String method() {
        return result.method().name();
    }

    boolean ok() {
        return result.ok();
    }

    boolean diverged() {
        return result.diverged();
    }

    /** @return the headline metrics of an ok run, else null */
    RunResult.Metrics metrics() {
        return result.metrics();
    }

    /** @return what an ok run measured, else null */
    RunResult.Scored scored() {
        return result.scored();
    }

    /**
     * @param key a protocol metric key
     * @return its value, or null when the run has none, or it is missing, undefined or not finite
     */
    Double metric(String key) {
        return result.metrics() == null ? null : result.metrics().metric(key);
    }

    /** @return whether the result says what the run was trained on (class counts and names) */
    boolean hasPrepared() {
        return result.dataset().prepared() != null;
    }

    /** @return the training counts per class (none when the result does not say) */
    int[] trainCounts() {
        return hasPrepared() ? result.dataset().prepared().trainCounts() : NONE;
    }

    /** @return the test counts per class (none when the result does not say) */
    int[] testCounts() {
        return hasPrepared() ? result.dataset().prepared().testCounts() : NONE;
    }
}
