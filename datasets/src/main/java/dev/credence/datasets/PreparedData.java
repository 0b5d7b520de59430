package dev.credence.datasets;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.prep.ClassRanking;
import dev.credence.datasets.prep.Standardizer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link DataPreparation}: train, optional validation and test parts (standardized with
 * the train statistics when asked), their class counts, the class ranking the imbalance profile used, and where they
 * came from: how the test part was chosen and the content digests of the files read.
 */
public final class PreparedData {
    /** How the test part was chosen. */
    public enum TestSet {
        /** a stratified split of the source */
        SPLIT,
        /** the official test set of a {@link TrainTestSource} */
        OFFICIAL,
        /** a separate test source, aligned to the training source */
        SEPARATE_FILE
    }

    private final String sourceName;
    private final String profile;
    private final int[] classRanking;
    private final DataPreparation.TestProfile testProfile;
    private final long seed;
    private final DenseData train;
    private final DenseData validation;
    private final DenseData test;
    private final Standardizer standardizer;
    private final int[] trainCounts;
    private final int[] validationCounts;
    private final int[] testCounts;
    private final TestSet testSet;
    private final String sourceDigest;
    private final String testSourceDigest;
    private final int sourceRowsDropped;
    private final int testSourceRowsDropped;
    private final DenseData heldOut;

    /**
     * @param sourceName   dataset name
     * @param profile      canonical imbalance profile text, e.g. {@code longtail(10)}
     * @param classRanking the class ids, largest first, the profile ranked the classes by
     * @param testProfile  the test part's class distribution
     * @param seed         the run seed
     * @param train        training part
     * @param validation   validation part, or null when none was requested
     * @param test         test part
     * @param standardizer the fitted standardizer, or null when data were not standardized
     * @param testSet      how the test part was chosen
     * @param sourceDigest {@link DatasetSource#contentDigest()} of the source ({@code ""} for generated data)
     * @param testSourceDigest that of the separate test source: non-null exactly when {@code testSet} is
     *                     {@link TestSet#SEPARATE_FILE}
     * @param sourceRowsDropped     {@link DatasetSource#rowsDropped()} of the source, right after its load
     * @param testSourceRowsDropped that of the separate test source (0 without one)
     * @param heldOut      the test rows of the classes held out ({@link DataPreparation#heldOutClasses()}), standardized
     *                     as the test part, labelled by held-out class; or null when none is held out
     */
    public PreparedData(String sourceName, String profile, int[] classRanking, DataPreparation.TestProfile testProfile,
                        long seed, DenseData train, DenseData validation, DenseData test, Standardizer standardizer,
                        TestSet testSet, String sourceDigest, String testSourceDigest, int sourceRowsDropped,
                        int testSourceRowsDropped, DenseData heldOut) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.classRanking = classRanking.clone();
        this.testProfile = Objects.requireNonNull(testProfile, "testProfile");
        this.seed = seed;
        this.train = Objects.requireNonNull(train, "train");
        this.validation = validation;
        this.test = Objects.requireNonNull(test, "test");
        this.standardizer = standardizer;
        this.trainCounts = train.classCounts();
        this.validationCounts = validation == null ? null : validation.classCounts();
        this.testCounts = test.classCounts();
        this.testSet = Objects.requireNonNull(testSet, "testSet");
        this.sourceDigest = Objects.requireNonNull(sourceDigest, "sourceDigest");
        if ((testSet == TestSet.SEPARATE_FILE) != (testSourceDigest != null)) {
            throw new IllegalArgumentException("a test source digest goes with " + TestSet.SEPARATE_FILE
                    + " and only with it; got " + testSet + " and " + testSourceDigest);
        }
        this.testSourceDigest = testSourceDigest;
        this.sourceRowsDropped = sourceRowsDropped;
        this.testSourceRowsDropped = testSourceRowsDropped;
        this.heldOut = heldOut;
    }

    /** @return the held-out classes' test rows (the open-set OOD inputs), or null when no class is held out */
    public DenseData heldOut() {
        return heldOut;
    }

    /** @return dataset name */
    public String sourceName() {
        return sourceName;
    }

    /** @return canonical imbalance profile text */
    public String profile() {
        return profile;
    }

    /** @return the class ids, largest first, the imbalance profile ranked the classes by (copy) */
    public int[] classRanking() {
        return classRanking.clone();
    }

    /** @return whether the classes were ranked in class id order (as before ranking by size, for every source) */
    public boolean rankedInClassIdOrder() {
        return ClassRanking.isIdentity(classRanking);
    }

    /** @return the class names in the order the imbalance profile ranked them, largest first */
    public List<String> classOrder() {
        return ClassRanking.labels(classRanking, train.classNames());
    }

    /** @return the test part's class distribution: its own, or subsampled with the training profile */
    public DataPreparation.TestProfile testProfile() {
        return testProfile;
    }

    /** @return {@link #realisedRatio(int[], int[])} of this data's training and validation parts */
    public double realisedRatio() {
        return realisedRatio(trainCounts, validationCounts);
    }

    /**
     * The realised imbalance ratio of a training pool after its profile: n_max / n_min over the classes it holds, the
     * training and validation parts counted together (the profile is applied before the validation split).
     *
     * @param train      training examples per class id
     * @param validation validation examples per class id, or null or empty for none
     * @return the ratio (1 for an empty pool)
     */
    public static double realisedRatio(int[] train, int[] validation) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c = 0; c < train.length; c++) {
            int n = train[c] + (validation == null || validation.length == 0 ? 0 : validation[c]);
            if (n > 0) {
                max = Math.max(max, n);
                min = Math.min(min, n);
            }
        }
        return max == 0 ? 1.0 : (double) max / min;
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

    /** @return test part (its own class distribution, or with {@link DataPreparation.TestProfile#TRAIN} the training profile's) */
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

    /** @return how the test part was chosen */
    public TestSet testSet() {
        return testSet;
    }

    /** @return the source's content digest, taken right after its load; {@code ""} for generated data */
    public String sourceDigest() {
        return sourceDigest;
    }

    /** @return the separate test source's content digest, or null unless {@link #testSet()} is {@code SEPARATE_FILE} */
    public String testSourceDigest() {
        return testSourceDigest;
    }

    /** @return rows of the source's file left out for a missing cell (0 unless read with {@code drop_rows}) */
    public int sourceRowsDropped() {
        return sourceRowsDropped;
    }

    /** @return rows of the separate test file left out for a missing cell (0 without one or {@code drop_rows}) */
    public int testSourceRowsDropped() {
        return testSourceRowsDropped;
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
                + (testProfile == DataPreparation.TestProfile.TRAIN ? " (training profile)" : "")
                + (standardizer == null ? ", raw" : ", standardized");
    }
}
