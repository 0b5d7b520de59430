package dev.credence.datasets.shift;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TabularShiftsTest {
    /** 200 rows, feature 0 ~ i mod 10 (std ≈ 2.87), feature 1 constant 5. */
    static DenseData table() {
        int n = 200;
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            x.data[2 * i] = i % 10;
            x.data[2 * i + 1] = 5;
        }
        return new DenseData(x, new int[n], List.of("a"), List.of("f0", "f1"));
    }

    @Test
    void noiseVarianceGrowsWithSeverityInUnitsOfTheTrainingStd() {
        DenseData t = table();
        double std = Math.sqrt(8.25);
        double last = 0;
        for (int s = 1; s <= 5; s++) {
            float[] out = ShiftedTestSets.make(Shift.feature_noise, s, t, t, 1).x().data;
            double ss = 0;
            for (int i = 0; i < 200; i++) {
                double r = out[2 * i] - t.x().data[2 * i];
                ss += r * r;
                assertEquals(5f, out[2 * i + 1], "a constant feature is left alone");
            }
            double sd = Math.sqrt(ss / 200);
            double expected = TabularShifts.NOISE[s - 1] * std;
            assertEquals(expected, sd, 0.25 * expected, "severity " + s);
            assertTrue(sd > last);
            last = sd;
        }
    }

    @Test
    void scalingStretchesEachFeatureAboutItsTrainingMeanByOneFactor() {
        DenseData t = table();
        float[] out = ShiftedTestSets.make(Shift.feature_scaling, 4, t, t, 2).x().data;
        double a = (out[2 * 9] - 4.5) / (9 - 4.5);
        for (int i = 0; i < 200; i++) {
            assertEquals(4.5 + a * (i % 10 - 4.5), out[2 * i], 1e-4);
        }
        assertTrue(a > 0 && a != 1);
        assertArrayEquals(out, ShiftedTestSets.make(Shift.feature_scaling, 4, t, t, 2).x().data);
    }
}
