package dev.credence.datasets;

import dev.credence.core.data.DenseData;

/**
 * A dataset that ships an official test set (e.g. Fashion-MNIST): {@link #load} gives the official training set
 * and {@link #loadTest} the official test set, which the harness uses as is instead of splitting one off.
 */
public interface TrainTestSource extends DatasetSource {
    /**
     * @param seed seed (unused by file-backed sources)
     * @return the official test set, with the same classes and features as {@link #load}
     */
    DenseData loadTest(long seed);
}
