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
        boolean[] skip = new boolean[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.exp(r.nextDouble(-103, 88)); // subnormal to near the largest float
            skip[i] = i % 5 == 0;
            if (!skip[i]) {
                expected += Math.log(x[i]);
            }
        }
        assertTrue(x[0] > 0);
        assertEquals(expected, LogSum.of(x, skip, n), 1e-9 * Math.abs(expected) + 1e-9);
        double all = 0;
        for (float v : x) {
            all += Math.log(v);
        }
        assertEquals(all, LogSum.of(x, null, n), 1e-9 * Math.abs(all));
        assertEquals(Math.log(3) + Math.log(0.25), LogSum.of(new float[]{3f, 0.25f, 7f}, null, 2), 1e-15);
    }

    @Test
    void zeroGivesMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, LogSum.of(new float[]{1f, 0f, 2f}, null, 3));
        assertEquals(Math.log(2), LogSum.of(new float[]{1f, 0f, 2f}, new boolean[]{false, true, false}, 3), 1e-15);
    }
}
