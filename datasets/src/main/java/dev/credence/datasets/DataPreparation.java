package dev.credence.datasets;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.prep.ClassRanking;
import dev.credence.datasets.prep.HeldOutClasses;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.prep.Standardizer;
import dev.credence.datasets.prep.StratifiedSplit;
import dev.credence.datasets.prep.TestSetAlignment;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The preparation pipeline the harness runs for one (dataset, profile, seed), in this order:
 * <ol>
 *   <li>load the source;</li>
 *   <li>choose the test part ({@link PreparedData.TestSet}): a separate test source, aligned to the source by name
 *       ({@link TestSetAlignment}); else a {@link TrainTestSource}'s official test set; else a stratified split
 *       ({@code testFraction});</li>
 *   <li>rank the classes ({@link ClassRanking}): by {@code classOrder} when given, else by their size in the source
 *       data (the whole source when the test part is split off it, else the training source), ties by class id;</li>
 *   <li>apply the imbalance profile with that ranking to the remaining training pool;</li>
 *   <li>stratified validation split from the imbalanced training part ({@code validationFraction}; 0 = no
 *       validation part);</li>
 *   <li>with {@link TestProfile#TRAIN}, subsample the test part with the same profile and ranking (its n_max is the
 *       test part's largest class); with {@link TestProfile#OWN} the test part keeps its own distribution;</li>
 *   <li>fit a {@link Standardizer} on the final training part and apply it to all parts (if
 *       {@code standardize}).</li>
 * </ol>
 * Randomness: {@code root = new Rng(seed)} is split, in this fixed order, into the load, test-split,
 * imbalance and validation-split streams, and with {@link TestProfile#TRAIN} a fifth, the test subsample's. A split
 * source gets {@code load.nextSeed()}; with an official or separate test set the sources get the seed itself and the
 * first two streams go unused (they are still split, so the later ones match).
 *
 * @param testFraction       held-out test fraction per class, in (0, 1); default 0.25
 * @param validationFraction validation fraction of the imbalanced training part per class, in [0, 1); default 0.1
 * @param profile            imbalance profile for the training part; default natural
 * @param standardize        whether to z-score features with train statistics; default true
 * @param classOrder         every class label once, largest-first rank, or null to rank by size
 * @param testProfile        whether the test part keeps its own distribution or takes the training profile
 * @param heldOutClasses     class names held out of every part (the open-set protocol, {@link HeldOutClasses}):
 *                           right after the test part is chosen, their rows leave the training pool and the test part,
 *                           the other classes are renumbered and ranked, and their test rows become
 *                           {@link PreparedData#heldOut()}; empty for none
 */
public record DataPreparation(double testFraction, double validationFraction, ImbalanceProfile profile,
                              boolean standardize, List<String> classOrder, TestProfile testProfile,
                              List<String> heldOutClasses) {

    /** The class distribution of the test part (the suite's {@code test_profile}). */
    public enum TestProfile {
        /** the test part as chosen: its own distribution (the default) */
        OWN,
        /** the test part subsampled with the training part's profile and class ranking */
        TRAIN;

        /** @return the suite's name for it: {@code own} or {@code train} */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param text {@code own} or {@code train}
         * @return the value
         * @throws CredenceInputException (naming the field) for anything else
         */
        public static TestProfile parse(String text) {
            for (TestProfile t : values()) {
                if (t.jsonName().equals(text)) {
                    return t;
                }
            }
            throw new CredenceInputException("field 'test_profile' must be 'own' (the test set's own distribution) or"
                    + " 'train' (subsampled with the training profile), got '" + text + "'");
        }
    }

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
     * @param classOrder         class labels, largest-first rank, or null (checked against the data when prepared)
     * @param testProfile        not null
     * @param heldOutClasses     class names, or null or empty for none
     */
    public DataPreparation {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new CredenceInputException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new CredenceInputException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(testProfile, "testProfile");
        classOrder = classOrder == null ? null : List.copyOf(classOrder);
        heldOutClasses = heldOutClasses == null ? List.of() : List.copyOf(heldOutClasses);
    }

    /**
     * No class held out.
     *
     * @param testFraction       in (0, 1)
     * @param validationFraction in [0, 1)
     * @param profile            not null
     * @param standardize        whether to standardize
     * @param classOrder         class labels, largest-first rank, or null
     * @param testProfile        not null
     */
    public DataPreparation(double testFraction, double validationFraction, ImbalanceProfile profile,
                           boolean standardize, List<String> classOrder, TestProfile testProfile) {
        this(testFraction, validationFraction, profile, standardize, classOrder, testProfile, List.of());
    }

    /**
     * Classes ranked by size, the test part with its own distribution.
     *
     * @param testFraction       in (0, 1)
     * @param validationFraction in [0, 1)
     * @param profile            not null
     * @param standardize        whether to standardize
     */
    public DataPreparation(double testFraction, double validationFraction, ImbalanceProfile profile, boolean standardize) {
        this(testFraction, validationFraction, profile, standardize, null, TestProfile.OWN);
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
        return new DataPreparation(f, validationFraction, profile, standardize, classOrder, testProfile, heldOutClasses);
    }

    /**
     * @param f new validation fraction (0 = none)
     * @return a copy with it
     */
    public DataPreparation withValidationFraction(double f) {
        return new DataPreparation(testFraction, f, profile, standardize, classOrder, testProfile, heldOutClasses);
    }

    /**
     * @param p new imbalance profile
     * @return a copy with it
     */
    public DataPreparation withProfile(ImbalanceProfile p) {
        return new DataPreparation(testFraction, validationFraction, p, standardize, classOrder, testProfile, heldOutClasses);
    }

    /**
     * @param s whether to standardize
     * @return a copy with it
     */
    public DataPreparation withStandardize(boolean s) {
        return new DataPreparation(testFraction, validationFraction, profile, s, classOrder, testProfile, heldOutClasses);
    }

    /**
     * @param order class labels, largest-first rank, or null to rank by size
     * @return a copy with it
     */
    public DataPreparation withClassOrder(List<String> order) {
        return new DataPreparation(testFraction, validationFraction, profile, standardize, order, testProfile, heldOutClasses);
    }

    /**
     * @param classes class names to hold out (empty for none)
     * @return a copy with them
     */
    public DataPreparation withHeldOutClasses(List<String> classes) {
        return new DataPreparation(testFraction, validationFraction, profile, standardize, classOrder, testProfile,
                classes);
    }

    /**
     * @param t the test part's class distribution
     * @return a copy with it
     */
    public DataPreparation withTestProfile(TestProfile t) {
        return new DataPreparation(testFraction, validationFraction, profile, standardize, classOrder, t, heldOutClasses);
    }

    /**
     * Runs the whole pipeline on a source without a separate test source, named by the source.
     *
     * @param source the dataset
     * @param seed   the run seed
     * @return the prepared parts
     * @throws CredenceInputException for bad data or a class too small to split (message names the dataset)
     */
    public PreparedData prepare(DatasetSource source, long seed) {
        return prepare(source, null, source.name(), seed);
    }

    /**
     * Runs the whole pipeline, choosing the test part (step 2). The content digests are taken right after the loads,
     * so they name the bytes that were parsed.
     *
     * @param source     the dataset (its training set when it has a separate or official test set)
     * @param testSource a separate test set, or null for none
     * @param name       dataset name for messages and the result
     * @param seed       the run seed
     * @return the prepared parts
     * @throws CredenceInputException for bad data, a test set whose classes or features do not fit the training set,
     *                                or a class too small to split (messages name the dataset or the files)
     */
    public PreparedData prepare(DatasetSource source, DatasetSource testSource, String name, long seed) {
        Objects.requireNonNull(source, "source");
        Rng root = new Rng(seed);
        Rng loadRng = root.split();
        Rng testRng = root.split();
        if (testSource == null && !(source instanceof TrainTestSource)) {
            DenseData all = source.load(loadRng.nextSeed());
            String digest = source.contentDigest();
            StratifiedSplit.Split split = withName(name,
                    () -> StratifiedSplit.split(all, testFraction, "test", testRng));
            return finish(name, all.classCounts(), split.rest(), split.part(), root, seed, PreparedData.TestSet.SPLIT,
                    digest, null, source.rowsDropped(), 0);
        }
        DenseData pool = source.load(seed);
        if (testSource == null) {
            DenseData test = ((TrainTestSource) source).loadTest(seed);
            requireMatching(pool, test, name);
            return finish(name, pool.classCounts(), pool, test, root, seed, PreparedData.TestSet.OFFICIAL,
                    source.contentDigest(), null, source.rowsDropped(), 0);
        }
        String sourceDigest = source.contentDigest();
        int sourceDropped = source.rowsDropped();
        DenseData separate = testSource.load(seed);
        String testDigest = testSource.contentDigest();
        DenseData test = TestSetAlignment.align(pool, source.name(), separate, testSource.name());
        return finish(name, pool.classCounts(), pool, test, root, seed, PreparedData.TestSet.SEPARATE_FILE, sourceDigest,
                testDigest, sourceDropped, testSource.rowsDropped());
    }

    private static void requireMatching(DenseData trainPool, DenseData test, String sourceName) {
        if (!trainPool.classNames().equals(test.classNames())) {
            throw new CredenceInputException("dataset '" + sourceName + "': the test set's classes " + test.classNames()
                    + " differ from the training set's " + trainPool.classNames());
        }
        if (!trainPool.featureNames().equals(test.featureNames())) {
            throw new CredenceInputException("dataset '" + sourceName + "': the test set has " + test.numFeatures()
                    + " features and the training set " + trainPool.numFeatures() + ", or their names differ");
        }
    }

    /**
     * @param sourceCounts examples per class in the source data, which ranks the classes unless {@code classOrder}
     *                     does
     */
    private PreparedData finish(String name, int[] sourceCounts, DenseData pool, DenseData test, Rng root, long seed,
                                PreparedData.TestSet testSet, String sourceDigest, String testDigest,
                                int sourceDropped, int testDropped) {
        Rng imbalanceRng = root.split();
        Rng validationRng = root.split();
        DenseData heldOut = null;
        if (!heldOutClasses.isEmpty()) {
            HeldOutClasses split;
            try {
                split = HeldOutClasses.of(heldOutClasses, pool.classNames());
            } catch (CredenceInputException e) {
                throw new CredenceInputException("dataset '" + name + "': " + e.getMessage(), e);
            }
            sourceCounts = split.keep(sourceCounts);
            heldOut = split.held(test);
            test = split.kept(test);
            pool = split.kept(pool);
        }
        int[] ranking;
        try {
            ranking = classOrder == null ? ClassRanking.bySize(sourceCounts) : ClassRanking.of(classOrder, pool.classNames());
        } catch (CredenceInputException e) {
            throw new CredenceInputException("dataset '" + name + "': " + e.getMessage(), e);
        }
        DenseData imbalanced = profile.apply(pool, ranking, imbalanceRng);
        DenseData train = imbalanced;
        DenseData validation = null;
        if (validationFraction > 0) {
            StratifiedSplit.Split v = withName(name,
                    () -> StratifiedSplit.split(imbalanced, validationFraction, "validation", validationRng));
            train = v.rest();
            validation = v.part();
        }
        if (testProfile == TestProfile.TRAIN) {
            test = profile.apply(test, ranking, root.split());
        }
        Standardizer standardizer = null;
        if (standardize) {
            standardizer = Standardizer.fit(train);
            train = standardizer.apply(train);
            validation = validation == null ? null : standardizer.apply(validation);
            test = standardizer.apply(test);
            heldOut = heldOut == null ? null : standardizer.apply(heldOut);
        }
        return new PreparedData(name, profile.toString(), ranking, testProfile, seed, train, validation, test,
                standardizer, testSet, sourceDigest, testDigest, sourceDropped, testDropped, heldOut);
    }

    private StratifiedSplit.Split withName(String name, java.util.function.Supplier<StratifiedSplit.Split> step) {
        try {
            return step.get();
        } catch (CredenceInputException e) {
            throw new CredenceInputException("dataset '" + name + "' (" + profile + "): " + e.getMessage(), e);
        }
    }
}
