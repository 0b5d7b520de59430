package dev.credence.core.train;

/** Observes training: one call per finished epoch with its loss terms (for progress and training curves). */
@FunctionalInterface
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = (method, record, totalEpochs) -> { };

    /**
     * @param method      the method's name
     * @param record      the finished epoch
     * @param totalEpochs epochs planned in this phase
     */
    void onEpochEnd(String method, EpochRecord record, int totalEpochs);
}
