package dev.credence.experiments.bench;

/**
 * What {@code bench --method composed} measures beyond {@link BenchSettings}.
 *
 * @param heldOut    rows after the training rows: temperature scaling's validation set and every predictive's test set
 * @param members    M of the deep ensemble (each member one epoch of map)
 * @param swagEpochs K, epochs of SWAG's collection phase
 */
public record ComposedSettings(int heldOut, int members, int swagEpochs) {
    /** Checks ranges. */
    public ComposedSettings {
        if (heldOut < 1 || members < 1 || swagEpochs < 2) {
            throw new IllegalArgumentException("held-out rows and members must be ≥ 1 and SWAG epochs ≥ 2 (two iterates), got "
                    + heldOut + ", " + members + ", " + swagEpochs);
        }
    }
}
