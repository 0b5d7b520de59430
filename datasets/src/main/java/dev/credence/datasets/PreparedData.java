package dev.credence.datasets;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.prep.Standardizer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link DataPreparation}: train, optional validation and test parts (standardized with
 * the train statistics when asked), their class counts, and where they came from.
 */
public final class PreparedData {
    private final String sourceName;
    private final String profile;
    private final long seed;
    private final DenseData train;
    private final DenseData validation;
    private final DenseData test;
    private final Standardizer standardizer;
    private final int[] trainCounts;
    private final int[] validationCounts;
    private final int[] testCounts;

    /**
     * @param sourceName   dataset name
     * @param profile      canonical imbalance profile text, e.g. {@code longtail(10)}
     * @param seed         the run seed
     * @param train        training part
     * @param validation   validation part, or null when none was requested
     * @param test         test part
     * @param standardizer the fitted standardizer, or null when data were not standardized
     */
    public PreparedData(String sourceName, String profile, long seed, DenseData train, DenseData validation,
                        DenseData test, Standardizer standardizer) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.train = Objects.requireNonNull(train, "train");
        this.validation = validation;
        this.test = Objects.requireNonNull(test, "test");
        this.standardizer = standardizer;
        this.trainCounts = train.classCounts();
        this.validationCounts = validation == null ? null : validation.classCounts();
        this.testCounts = test.classCounts();
    }

    /** @return dataset name */
    public String sourceName() {
        return sourceName;
    }

    /** @return canonical imbalance profile text */
    public String profile() {
        return profile;
    }

    /** @return the run seed the preparation used */
    public long seed() {
        return seed;
    }

    /** @return training part */
    public DenseData train() {
        return train;
    }

    /** @return validation part, or null if none */
    public DenseData validation() {
        return validation;
    }

    /** @return whether a validation part exists */
    public boolean hasValidation() {
        return validation != null;
    }

    /** @return test part (its natural class distribution, never imbalanced) */
    public DenseData test() {
        return test;
    }

    /** @return the standardizer fitted on {@link #train()}, or null if not standardized */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return training examples per class id (copy) */
    public int[] trainCounts() {
        return trainCounts.clone();
    }

    /** @return validation examples per class id (copy), or null if there is no validation part */
    public int[] validationCounts() {
        return validationCounts == null ? null : validationCounts.clone();
    }

    /** @return test examples per class id (copy) */
    public int[] testCounts() {
        return testCounts.clone();
    }

    /** @return class names, index = class id */
    public List<String> classNames() {
        return train.classNames();
    }

    /** @return feature names, index = column */
    public List<String> featureNames() {
        return train.featureNames();
    }

    @Override
    public String toString() {
        return sourceName + " " + profile + " seed " + seed + ": train " + train.size() + " " + Arrays.toString(trainCounts)
                + (validation == null ? ", no validation" : ", validation " + validation.size() + " "
                + Arrays.toString(validationCounts))
                + ", test " + test.size() + " " + Arrays.toString(testCounts)
                + (standardizer == null ? ", raw" : ", standardized");
    }
}
