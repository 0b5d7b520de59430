package dev.credence.core.train;

import java.util.List;

/**
 * The training curve and the cost of a fit.
 *
 * @param epochs             one record per epoch
 * @param examplesProcessed  training examples passed through the loop (epochs × N)
 * @param seconds            wall time of the training loop
 */
public record TrainingHistory(List<EpochRecord> epochs, long examplesProcessed, double seconds) {
    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** @return training throughput in examples per second */
    public double examplesPerSecond() {
        return seconds > 0 ? examplesProcessed / seconds : Double.NaN;
    }

    /**
     * Concatenates two phases of one fit (e.g. burn-in and sampling, or a retrain).
     *
     * @param next the later phase
     * @return the joined history, epochs renumbered consecutively
     */
    public TrainingHistory then(TrainingHistory next) {
        java.util.ArrayList<EpochRecord> all = new java.util.ArrayList<>(epochs);
        for (EpochRecord r : next.epochs) {
            all.add(new EpochRecord(all.size() + 1, r.terms(), r.seconds()));
        }
        return new TrainingHistory(all, examplesProcessed + next.examplesProcessed, seconds + next.seconds);
    }
}
