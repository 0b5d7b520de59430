package dev.credence.experiments.run;

import dev.credence.core.train.TrainingListener;

/**
 * Observes one run: each finished training epoch ({@link TrainingListener}), then each shifted or
 * out-of-distribution set once the headline predictive is scored on it, so the minutes a run spends scoring after its
 * last epoch show on stderr too.
 */
public interface RunListener extends TrainingListener {
    /** A listener that ignores everything. */
    RunListener NONE = (method, record, totalEpochs) -> { };

    /**
     * @param set     the set scored, e.g. {@code shift rotation angle 30} or {@code ood digits}
     * @param index   how many of the run's extra sets are scored now, 1 … count
     * @param count   the run's shifted and OOD sets
     * @param seconds the seconds this set took
     */
    default void onSetScored(String set, int index, int count, double seconds) {
    }

    /**
     * @param listener a training listener
     * @return it, when it is a run listener, else a run listener that passes epochs to it and ignores sets
     */
    static RunListener of(TrainingListener listener) {
        return listener instanceof RunListener r ? r : listener::onEpochEnd;
    }
}
