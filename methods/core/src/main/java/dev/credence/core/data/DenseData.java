package dev.credence.core.data;

import dev.credence.core.CredenceInputException;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * A dense labelled table: row i of {@code x} is example i, {@code y[i]} its class index into
 * {@code classNames}. This is what methods train on and predict from; no per-example objects.
 *
 * @param x            N×D features, row-major float32
 * @param y            N class indices in 0..K-1
 * @param classNames   the K class names, index = class id
 * @param featureNames the D feature names, index = column
 * @param image        the rows' image shape (C·H·W = D), or null when the rows are not images
 */
public record DenseData(FMatrixRMaj x, int[] y, List<String> classNames, List<String> featureNames, ImageShape image) {

    /**
     * A table whose rows are not images.
     *
     * @param x            N×D features, row-major float32
     * @param y            N class indices in 0..K-1
     * @param classNames   the K class names, index = class id
     * @param featureNames the D feature names, index = column
     */
    public DenseData(FMatrixRMaj x, int[] y, List<String> classNames, List<String> featureNames) {
        this(x, y, classNames, featureNames, null);
    }

    /** Checks shapes and label range. */
    public DenseData {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        if (x.numRows != y.length) {
            throw new IllegalArgumentException("x has " + x.numRows + " rows but y has " + y.length + " labels");
        }
        if (x.numCols != featureNames.size()) {
            throw new IllegalArgumentException("x has " + x.numCols + " columns but " + featureNames.size() + " feature names");
        }
        if (image != null && image.size() != x.numCols) {
            throw new IllegalArgumentException("x has " + x.numCols + " columns but its image shape " + image + " has " + image.size());
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classNames.size()) {
                throw new CredenceInputException("label index " + y[i] + " of row " + i + " is outside 0.." + (classNames.size() - 1));
            }
        }
    }

    /** @return number of examples N */
    public int size() {
        return y.length;
    }

    /** @return number of features D */
    public int numFeatures() {
        return x.numCols;
    }

    /** @return number of classes K */
    public int numClasses() {
        return classNames.size();
    }

    /** @return the number of examples of each class, indexed by class id */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * @param features new N×D features, the same rows as this table's
     * @return a table of those features with this table's labels (copied), classes, feature names and image shape
     */
    public DenseData withFeatures(FMatrixRMaj features) {
        return new DenseData(features, y.clone(), classNames, featureNames, image);
    }

    /**
     * Copies the given rows (in the given order) into a new table with the same classes, features and image shape.
     *
     * @param rows row indices into this table
     * @return the selected rows
     */
    public DenseData select(int[] rows) {
        int d = numFeatures();
        FMatrixRMaj out = new FMatrixRMaj(rows.length, d);
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.data, rows[i] * d, out.data, i * d, d);
            labels[i] = y[rows[i]];
        }
        return new DenseData(out, labels, classNames, featureNames, image);
    }
}
