package dev.credence.core.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Rng#fillSigns}: ±1 only, the sign of u − ½ for the uniform stream's u, fair and seeded. */
class RngSignsTest {

    @Test
    void signsAreTheUniformStreamCutAtOneHalf() {
        int n = 10_000;
        float[] u = new float[n];
        new Rng(4).fillUnitUniform(u, 0, n);
        float[] s = new float[n + 3];
        Rng rng = new Rng(4);
        rng.fillSigns(s, 3, 100);
        rng.fillSigns(s, 103, n - 100); // cut into two calls: the same stream
        for (int i = 0; i < n; i++) {
            assertEquals(u[i] < 0.5f ? -1f : 1f, s[i + 3], 0f, "entry " + i);
        }
        assertEquals(0f, s[0], 0f, "before the offset untouched");
    }

    @Test
    void signsAreFairAndUncorrelatedWithTheirNeighbour() {
        int n = 1 << 20;
        float[] s = new float[n];
        new Rng(5).fillSigns(s, 0, n);
        double sum = 0;
        double lag = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(s[i] == 1f || s[i] == -1f, "entry " + i + " is " + s[i]);
            sum += s[i];
            lag += i > 0 ? s[i] * s[i - 1] : 0;
        }
        // ±4.5 standard errors of a mean of n fair signs
        assertEquals(0, sum / n, 4.5 / Math.sqrt(n), "mean");
        assertEquals(0, lag / (n - 1), 4.5 / Math.sqrt(n), "lag-1 correlation");
        float[] again = new float[n];
        new Rng(5).fillSigns(again, 0, n);
        assertArrayEquals(s, again, 0f);
    }
}
