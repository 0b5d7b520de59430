package dev.credence.datasets;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.prep.Standardizer;
import dev.credence.datasets.prep.StratifiedSplit;

import java.util.Objects;

/**
 * The preparation pipeline the harness runs for one (dataset, profile, seed), in this order:
 * <ol>
 *   <li>load the source;</li>
 *   <li>stratified split off the test part ({@code testFraction});</li>
 *   <li>apply the imbalance profile to the remaining training pool only (the test part keeps its own
 *       distribution);</li>
 *   <li>stratified validation split from the imbalanced training part ({@code validationFraction}; 0 = no
 *       validation part);</li>
 *   <li>fit a {@link Standardizer} on the final training part and apply it to all parts (if
 *       {@code standardize}).</li>
 * </ol>
 * Randomness: {@code root = new Rng(seed)} is split, in this fixed order, into the load, test-split,
 * imbalance and validation-split streams; the source gets {@code load.nextSeed()}.
 * {@link #prepareWithTest} skips steps 1-2 for datasets with an official test set (it still splits the
 * first two streams, so the later ones match).
 *
 * @param testFraction       held-out test fraction per class, in (0, 1); default 0.25
 * @param validationFraction validation fraction of the imbalanced training part per class, in [0, 1); default 0.1
 * @param profile            imbalance profile for the training part; default natural
 * @param standardize        whether to z-score features with train statistics; default true
 */
public record DataPreparation(double testFraction, double validationFraction, ImbalanceProfile profile,
                              boolean standardize) {

    /** Default test fraction. */
    public static final double DEFAULT_TEST_FRACTION = 0.25;
    /** Default validation fraction. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    /**
     * Checks the fractions and the profile.
     *
     * @param testFraction       in (0, 1)
     * @param validationFraction in [0, 1)
     * @param profile            not null
     * @param standardize        whether to standardize
     */
    public DataPreparation {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new CredenceInputException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new CredenceInputException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        Objects.requireNonNull(profile, "profile");
    }

    /** @return test 0.25, validation 0.1, natural, standardized */
    public static DataPreparation defaults() {
        return new DataPreparation(DEFAULT_TEST_FRACTION, DEFAULT_VALIDATION_FRACTION, ImbalanceProfile.parse("natural"), true);
    }

    /**
     * @param f new test fraction
     * @return a copy with it
     */
    public DataPreparation withTestFraction(double f) {
        return new DataPreparation(f, validationFraction, profile, standardize);
    }

    /**
     * @param f new validation fraction (0 = none)
     * @return a copy with it
     */
    public DataPreparation withValidationFraction(double f) {
        return new DataPreparation(testFraction, f, profile, standardize);
    }

    /**
     * @param p new imbalance profile
     * @return a copy with it
     */
    public DataPreparation withProfile(ImbalanceProfile p) {
        return new DataPreparation(testFraction, validationFraction, p, standardize);
    }

    /**
     * @param s whether to standardize
     * @return a copy with it
     */
    public DataPreparation withStandardize(boolean s) {
        return new DataPreparation(testFraction, validationFraction, profile, s);
    }

    /**
     * Runs the whole pipeline.
     *
     * @param source the dataset
     * @param seed   the run seed
     * @return the prepared parts
     * @throws CredenceInputException for bad data or a class too small to split (message names the dataset)
     */
    public PreparedData prepare(DatasetSource source, long seed) {
        Rng root = new Rng(seed);
        Rng loadRng = root.split();
        Rng testRng = root.split();
        DenseData all = source.load(loadRng.nextSeed());
        StratifiedSplit.Split split = withName(source.name(),
                () -> StratifiedSplit.split(all, testFraction, "test", testRng));
        return finish(source.name(), split.rest(), split.part(), root, seed);
    }

    /**
     * Runs steps 3-5 on a dataset that ships its own test set (e.g. Fashion-MNIST).
     *
     * @param trainPool  the official training data (becomes train + validation after the profile)
     * @param test       the official test data, used as is
     * @param sourceName dataset name for messages and the result
     * @param seed       the run seed
     * @return the prepared parts
     * @throws CredenceInputException if the two parts disagree on classes or features
     */
    public PreparedData prepareWithTest(DenseData trainPool, DenseData test, String sourceName, long seed) {
        if (!trainPool.classNames().equals(test.classNames())) {
            throw new CredenceInputException("dataset '" + sourceName + "': the test set's classes " + test.classNames()
                    + " differ from the training set's " + trainPool.classNames());
        }
        if (!trainPool.featureNames().equals(test.featureNames())) {
            throw new CredenceInputException("dataset '" + sourceName + "': the test set has " + test.numFeatures()
                    + " features and the training set " + trainPool.numFeatures() + ", or their names differ");
        }
        Rng root = new Rng(seed);
        root.split(); // load stream (unused)
        root.split(); // test-split stream (unused)
        return finish(sourceName, trainPool, test, root, seed);
    }

    private PreparedData finish(String name, DenseData pool, DenseData test, Rng root, long seed) {
        Rng imbalanceRng = root.split();
        Rng validationRng = root.split();
        DenseData imbalanced = profile.apply(pool, imbalanceRng);
        DenseData train = imbalanced;
        DenseData validation = null;
        if (validationFraction > 0) {
            StratifiedSplit.Split v = withName(name,
                    () -> StratifiedSplit.split(imbalanced, validationFraction, "validation", validationRng));
            train = v.rest();
            validation = v.part();
        }
        Standardizer standardizer = null;
        if (standardize) {
            standardizer = Standardizer.fit(train);
            train = standardizer.apply(train);
            validation = validation == null ? null : standardizer.apply(validation);
            test = standardizer.apply(test);
        }
        return new PreparedData(name, profile.toString(), seed, train, validation, test, standardizer);
    }

    private StratifiedSplit.Split withName(String name, java.util.function.Supplier<StratifiedSplit.Split> step) {
        try {
            return step.get();
        } catch (CredenceInputException e) {
            throw new CredenceInputException("dataset '" + name + "' (" + profile + "): " + e.getMessage(), e);
        }
    }
}
