package dev.credence.datasets;

import dev.credence.core.data.DenseData;

/**
 * A synthetic dataset shipping its own test set, for tests of the official-test-set path.
 *
 * @param pool the training pool
 * @param test the official test set
 */
record OfficialTestSet(DenseData pool, DenseData test) implements TrainTestSource {
    @Override
    public String name() {
        return "blobs-official";
    }

    @Override
    public String description() {
        return "blobs with an official test set";
    }

    @Override
    public DenseData load(long seed) {
        return pool;
    }

    @Override
    public DenseData loadTest(long seed) {
        return test;
    }
}
