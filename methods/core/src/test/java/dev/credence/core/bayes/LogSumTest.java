package dev.credence.core.bayes;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSumTest {
    @Test
    void matchesTheSumOfLogarithmsAcrossTheFloatRange() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 100_003;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.exp(r.nextDouble(-103, 88)); // subnormal to near the largest float
        }
        assertTrue(x[0] > 0);
        for (int from : new int[]{0, 5}) {
            for (int to : new int[]{n, n - 2, from + 3}) {
                double expected = 0;
                for (int i = from; i < to; i++) {
                    expected += Math.log(x[i]);
                }
                assertEquals(expected, LogSum.of(x, from, to), 1e-9 * Math.abs(expected) + 1e-12, from + ".." + to);
            }
        }
        assertEquals(Math.log(3) + Math.log(0.25), LogSum.of(new float[]{3f, 0.25f, 7f}, 0, 2), 1e-15);
        assertEquals(0.0, LogSum.of(x, 4, 4));
    }

    @Test
    void zeroNegativeAndNaNGiveWhatTheLogarithmsGive() {
        assertEquals(Double.NEGATIVE_INFINITY, LogSum.of(new float[]{1f, 0f, 2f, 3f, 4f, 5f}, 0, 6));
        assertEquals(Double.NEGATIVE_INFINITY, LogSum.of(new float[]{1f, 2f, 0f}, 0, 3));
        assertTrue(Double.isNaN(LogSum.of(new float[]{1f, -2f, 3f, 4f}, 0, 4)));
        assertTrue(Double.isNaN(LogSum.of(new float[]{-1f, -2f, 3f, 4f}, 0, 4)), "two negative entries");
        assertTrue(Double.isNaN(LogSum.of(new float[]{1f, Float.NaN, 3f, 4f, 5f}, 0, 5)));
    }

    @Test
    void squaresMatchTheSequentialSum() {
        SplittableRandom r = new SplittableRandom(4);
        float[] a = new float[1001];
        float[] b = new float[1001];
        double expected = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
            if (i >= 2) {
                expected += (double) a[i] * a[i] + (double) b[i] * b[i];
            }
        }
        assertEquals(expected, LogSum.squares(a, b, 2, a.length), 1e-12 * expected);
    }
}
