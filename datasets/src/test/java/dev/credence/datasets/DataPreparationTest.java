package dev.credence.datasets;

import dev.credence.core.data.DenseData;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.datasets.prep.StratifiedSplit;
import dev.credence.datasets.synthetic.GaussianBlobsSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.credence.datasets.Asserts.inputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPreparationTest {

    private static final DatasetSource GLASS = DatasetRegistry.standard().get("glass");

    @Test
    void defaultsOnGlass() {
        PreparedData p = DataPreparation.defaults().prepare(GLASS, 42);
        // sorted class order: bw_float 70, bw_non_float 76, containers 13, headlamps 29, tableware 9, vehicle 17
        int[] expectedTest = new int[6];
        int[] natural = {70, 76, 13, 29, 9, 17};
        for (int k = 0; k < 6; k++) {
            expectedTest[k] = StratifiedSplit.partSizes(natural[k], new double[] {0.25})[1];
        }
        assertArrayEquals(new int[] {18, 19, 3, 7, 2, 4}, expectedTest);
        assertArrayEquals(expectedTest, p.testCounts());
        for (int k = 0; k < 6; k++) {
            int pool = natural[k] - expectedTest[k];
            int val = StratifiedSplit.partSizes(pool, new double[] {0.1})[1];
            assertEquals(val, p.validationCounts()[k]);
            assertEquals(pool - val, p.trainCounts()[k]);
        }
        assertEquals("glass", p.sourceName());
        assertEquals("natural", p.profile());
        assertEquals(214, p.train().size() + p.validation().size() + p.test().size());
        assertTrue(p.toString().contains("glass natural seed 42"));
    }

    @Test
    void imbalanceAppliesToTheTrainingPoolOnly() {
        DataPreparation prep = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(10)")).withValidationFraction(0);
        DenseData blobs = new GaussianBlobsSource(new int[] {400, 400, 400, 400}, 2, 1.0).load(0);
        PreparedData p = prep.prepare(new GaussianBlobsSource(new int[] {400, 400, 400, 400}, 2, 1.0), 7);
        assertArrayEquals(new int[] {100, 100, 100, 100}, p.testCounts());
        // pool 300 per class, longtail(10) over 4 classes: floor(300 * 10^(-c/3))
        assertArrayEquals(new int[] {300, 139, 64, 30}, p.trainCounts());
        assertNull(p.validation());
        assertNull(p.validationCounts());
        assertFalse(p.hasValidation());
        assertEquals("longtail(10)", p.profile());
        assertEquals(1600, blobs.size());
    }

    @Test
    void deterministicPerSeedAndStandardizedOnTrain() {
        DataPreparation prep = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("step(0.5,4)"));
        PreparedData a = prep.prepare(GLASS, 1);
        PreparedData b = prep.prepare(GLASS, 1);
        PreparedData c = prep.prepare(GLASS, 2);
        assertArrayEquals(a.train().x().data, b.train().x().data, 0f);
        assertArrayEquals(a.test().x().data, b.test().x().data, 0f);
        assertArrayEquals(a.validation().y(), b.validation().y());
        assertFalse(Arrays.equals(a.train().x().data, c.train().x().data));
        DenseData t = a.train();
        for (int j = 0; j < t.numFeatures(); j++) {
            double mean = 0;
            for (int i = 0; i < t.size(); i++) {
                mean += t.x().get(i, j);
            }
            assertEquals(0, mean / t.size(), 1e-4);
        }
        PreparedData raw = prep.withStandardize(false).prepare(GLASS, 1);
        assertNull(raw.standardizer());
        assertArrayEquals(a.train().y(), raw.train().y());
        assertTrue(raw.train().x().get(0, 0) > 1.5f); // RI is about 1.52 when not standardized
    }

    @Test
    void externalTestSetIsKeptAsIs() {
        DenseData pool = new GaussianBlobsSource(new int[] {100, 100, 100}, 2, 1.0).load(3);
        DenseData test = new GaussianBlobsSource(new int[] {30, 30, 30}, 2, 1.0).load(3);
        PreparedData p = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(10)"))
                .withStandardize(false).prepareWithTest(pool, test, "blobs-official", 5);
        assertArrayEquals(new int[] {30, 30, 30}, p.testCounts());
        assertArrayEquals(test.x().data, p.test().x().data, 0f);
        // longtail(10) over 3 classes of 100: 100, 31, 10; then validation max(1, round(0.1 n))
        assertArrayEquals(new int[] {10, 3, 1}, p.validationCounts());
        assertArrayEquals(new int[] {90, 28, 9}, p.trainCounts());
        DenseData other = new GaussianBlobsSource(new int[] {30, 30}, 2, 1.0).load(3);
        inputError(() -> DataPreparation.defaults().prepareWithTest(pool, other, "x", 1), "dataset 'x'", "classes");
    }

    @Test
    void tooSmallClassesAndBadFractionsAreInputErrors() {
        DataPreparation harsh = DataPreparation.defaults().withProfile(ImbalanceProfile.parse("longtail(1000)"));
        inputError(() -> harsh.prepare(GLASS, 1), "dataset 'glass' (longtail(1000))", "class 'headlamps'",
                "has 1 example(s)", "validation");
        inputError(() -> DataPreparation.defaults().withTestFraction(0), "testFraction");
        inputError(() -> DataPreparation.defaults().withValidationFraction(1), "validationFraction");
    }
}
