package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aligns a separately supplied test table to its training table by name: feature columns are reordered to the
 * training order and class ids remapped to the training ids. Class ids of a CSV follow the sorted names of the
 * classes present in that file, so without this step a test file lacking one class would silently shift every
 * label after it. A test class the training data lacks is an error (no model could predict it); a training
 * class absent from the test data is allowed (its test count is 0).
 */
public final class TestSetAlignment {
    private TestSetAlignment() {
    }

    /**
     * @param train     training table (defines the order)
     * @param trainName training file name, for messages
     * @param test      test table
     * @param testName  test file name, for messages
     * @return the test table in the training table's feature and class order
     */
    public static DenseData align(DenseData train, String trainName, DenseData test, String testName) {
        Map<String, Integer> testColumn = index(test.featureNames());
        int[] columnOfTrainFeature = new int[train.numFeatures()];
        for (int j = 0; j < train.numFeatures(); j++) {
            Integer c = testColumn.get(train.featureNames().get(j));
            if (c == null) {
                throw new CredenceInputException(testName + ": feature column '" + train.featureNames().get(j)
                        + "' of the training file " + trainName + " is missing");
            }
            columnOfTrainFeature[j] = c;
        }
        if (test.numFeatures() != train.numFeatures()) {
            Map<String, Integer> trainColumn = index(train.featureNames());
            String extra = test.featureNames().stream().filter(f -> !trainColumn.containsKey(f)).findFirst().orElse("?");
            throw new CredenceInputException(testName + ": feature column '" + extra + "' does not occur in the training file " + trainName);
        }
        Map<String, Integer> trainClass = index(train.classNames());
        int[] classOfTestClass = new int[test.numClasses()];
        int[] testCounts = test.classCounts();
        for (int k = 0; k < test.numClasses(); k++) {
            Integer id = trainClass.get(test.classNames().get(k));
            if (id == null) {
                throw new CredenceInputException(testName + ": class '" + test.classNames().get(k) + "' (" + testCounts[k]
                        + " examples) does not occur in the training file " + trainName + "; no model trained on it could predict it");
            }
            classOfTestClass[k] = id;
        }
        int d = train.numFeatures();
        FMatrixRMaj x = new FMatrixRMaj(test.size(), d);
        int[] y = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = test.x().data[i * d + columnOfTrainFeature[j]];
            }
            y[i] = classOfTestClass[test.y()[i]];
        }
        return new DenseData(x, y, train.classNames(), train.featureNames(), train.image());
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }
}
