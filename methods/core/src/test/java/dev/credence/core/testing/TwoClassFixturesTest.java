package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TwoClassFixturesTest {
    @Test
    void twoMoonsAreStandardizedAndAlternateClasses() {
        DenseData d = TwoMoons.make(400, 0.1, 1);
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < d.size(); i++) {
                mean += d.x().data[2 * i + j] / 400.0;
                square += d.x().data[2 * i + j] * d.x().data[2 * i + j] / 400.0;
            }
            assertEquals(0.0, mean, 1e-6, "column " + j);
            assertEquals(1.0, square - mean * mean, 1e-5, "column " + j);
        }
        assertEquals(1, d.y()[1]);
        assertArrayEquals(d.x().data, TwoMoons.make(400, 0.1, 1).x().data, "the same seed, the same moons");
    }

    @Test
    void blobsAreCentredWhereTheirContractsSay() {
        DenseData d = Blobs.diagonal(400, 3);
        assertArrayEquals(new int[]{0, 1, 0, 1}, java.util.Arrays.copyOf(d.y(), 4));
        assertClassMeans(d, new double[][]{{-1.5, -1.5}, {1.5, 1.5}});
        assertClassMeans(Blobs.horizontal(400, 4), new double[][]{{-2, 0}, {2, 0}});
        assertEquals(400, Blobs.horizontalDataset(400, 4).size());
    }

    /** Each class's sample mean lies within 0.3 of its centre (200 unit-variance draws: 4 standard errors is 0.28). */
    private static void assertClassMeans(DenseData d, double[][] centres) {
        double[][] sum = new double[2][2];
        int[] count = new int[2];
        for (int i = 0; i < d.size(); i++) {
            count[d.y()[i]]++;
            sum[d.y()[i]][0] += d.x().data[2 * i];
            sum[d.y()[i]][1] += d.x().data[2 * i + 1];
        }
        for (int c = 0; c < 2; c++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(centres[c][j], sum[c][j] / count[c], 0.3, d.classNames().get(c) + ", x" + j);
            }
        }
    }
}
