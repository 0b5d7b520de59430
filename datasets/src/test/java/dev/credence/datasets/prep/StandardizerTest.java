package dev.credence.datasets.prep;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardizerTest {

    private static DenseData table(float[][] rows) {
        int d = rows[0].length;
        FMatrixRMaj x = new FMatrixRMaj(rows.length, d);
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, x.data, i * d, d);
            y[i] = i % 2;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return new DenseData(x, y, List.of("a", "b"), names);
    }

    @Test
    void trainGetsMeanZeroStdOne() {
        Rng rng = new Rng(2);
        float[][] rows = new float[500][3];
        for (float[] r : rows) {
            r[0] = (float) (10 + 3 * rng.nextGaussian());
            r[1] = (float) (-1000 + 0.01 * rng.nextGaussian());
            r[2] = (float) rng.nextDouble();
        }
        DenseData train = table(rows);
        Standardizer s = Standardizer.fit(train);
        DenseData z = s.apply(train);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < z.size(); i++) {
                mean += z.x().get(i, j);
            }
            mean /= z.size();
            for (int i = 0; i < z.size(); i++) {
                sq += Math.pow(z.x().get(i, j) - mean, 2);
            }
            assertEquals(0, mean, 1e-4, "mean of feature " + j);
            assertEquals(1, Math.sqrt(sq / z.size()), 1e-3, "std of feature " + j);
        }
        assertEquals(0, s.constantFeatures().length);
        assertArrayEquals(train.y(), z.y());
    }

    @Test
    void usesTrainStatisticsOnOtherParts() {
        DenseData train = table(new float[][] {{0}, {2}, {4}, {6}});
        DenseData test = table(new float[][] {{3}, {8}});
        Standardizer s = Standardizer.fit(train);
        assertEquals(3, s.means()[0], 1e-12);
        assertEquals(Math.sqrt(5), s.scales()[0], 1e-12);
        DenseData z = s.apply(test);
        assertEquals(0f, z.x().get(0, 0), 1e-6f);
        assertEquals((float) (5 / Math.sqrt(5)), z.x().get(1, 0), 1e-6f);
    }

    @Test
    void constantFeatureStaysFiniteAndIsReported() {
        DenseData train = table(new float[][] {{1, 7, 0}, {2, 7, 0}, {3, 7, 0}});
        Standardizer s = Standardizer.fit(train);
        assertArrayEquals(new int[] {1, 2}, s.constantFeatures());
        assertEquals(List.of("f1", "f2"), s.constantFeatureNames());
        assertEquals(1.0, s.scales()[1]);
        DenseData z = s.apply(table(new float[][] {{2, 7, 0}, {2, 9, 5}}));
        for (float v : z.x().data) {
            assertTrue(Float.isFinite(v));
        }
        assertEquals(0f, z.x().get(0, 1));
        assertEquals(2f, z.x().get(1, 1));
        assertEquals(5f, z.x().get(1, 2));
    }

    @Test
    void hugeValuesDoNotOverflow() {
        DenseData train = table(new float[][] {{1e30f, 3e38f}, {-1e30f, -3e38f}, {3e30f, 3e38f}, {2e30f, -3e38f}});
        Standardizer s = Standardizer.fit(train);
        assertTrue(Double.isFinite(s.scales()[0]) && Double.isFinite(s.scales()[1]));
        assertEquals(1.25e30, s.means()[0], 1e24);
        DenseData z = s.apply(train);
        for (float v : z.x().data) {
            assertTrue(Float.isFinite(v), "value " + v);
        }
        assertEquals(1f, Math.abs(z.x().get(0, 1)), 1e-5f);
        // a tiny-variance feature applied to a huge value is clamped, not infinite
        DenseData tiny = table(new float[][] {{0f}, {1e-30f}});
        DenseData far = Standardizer.fit(tiny).apply(table(new float[][] {{3e38f}, {-3e38f}}));
        assertEquals(Float.MAX_VALUE, far.x().get(0, 0));
        assertEquals(-Float.MAX_VALUE, far.x().get(1, 0));
    }
}
