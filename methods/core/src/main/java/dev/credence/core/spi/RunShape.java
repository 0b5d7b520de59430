package dev.credence.core.spi;

import dev.credence.core.data.DenseData;
import dev.credence.core.data.ImageShape;

/**
 * The data shape of one run, as far as a method's memory and matrix sizes depend on it: what
 * {@link MethodProvider#preflight} needs to check a run and estimate its {@link Footprint} without any data.
 *
 * @param features       D, input width
 * @param classes        K, output width
 * @param trainRows      rows the method trains on
 * @param validationRows rows of the validation set the fit is given (0 = none)
 * @param testRows       rows the harness will predict on (0 = no prediction: prediction terms are left out)
 * @param testSamples    S the harness will request (the suite's override or the method's own default, ≥ 1); the
 *                       five methods' own terms do not depend on it (S passes reuse one set of buffers), the caller's
 *                       output arrays do: {@link MethodProvider#predictiveSamples} says how many samples come back
 * @param image          the rows' image shape ({@link DenseData#image}), or null when they are not images
 */
public record RunShape(int features, int classes, int trainRows, int validationRows, int testRows, int testSamples,
                       ImageShape image) {

    /** A run on rows that are not images. */
    public RunShape(int features, int classes, int trainRows, int validationRows, int testRows, int testSamples) {
        this(features, classes, trainRows, validationRows, testRows, testSamples, null);
    }

    /** Checks that no count is negative and S ≥ 1 (widths and classes are the network's to check). */
    public RunShape {
        if (features < 0 || classes < 0 || trainRows < 0 || validationRows < 0 || testRows < 0 || testSamples < 1) {
            throw new IllegalArgumentException("a run shape needs counts ≥ 0 and test samples ≥ 1, got features=" + features
                    + ", classes=" + classes + ", rows " + trainRows + "/" + validationRows + "/" + testRows
                    + ", test samples " + testSamples);
        }
        if (image != null && image.size() != features) {
            throw new IllegalArgumentException("image shape " + image + " does not have " + features + " features");
        }
    }

    /**
     * @param train       training data
     * @param validation  validation data or null
     * @param test        test data or null
     * @param testSamples S the harness will request
     * @return the shape of a run on these tables
     */
    public static RunShape of(DenseData train, DenseData validation, DenseData test, int testSamples) {
        return new RunShape(train.numFeatures(), train.numClasses(), train.size(), rows(validation), rows(test), testSamples,
                train.image());
    }

    /**
     * @param train      training data
     * @param validation validation data or null
     * @return what a fit knows of its run: no test rows (so no prediction terms) and S = 1
     */
    public static RunShape ofTraining(DenseData train, DenseData validation) {
        return of(train, validation, null, 1);
    }

    private static int rows(DenseData data) {
        return data == null ? 0 : data.size();
    }
}
