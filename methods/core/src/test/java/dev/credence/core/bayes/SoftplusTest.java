package dev.credence.core.bayes;

import dev.credence.core.engine.Numerics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftplusTest {
    @Test
    void fastKernelsAgreeWithTheReferenceOverTheWholeRange() {
        double[] both = new double[2];
        for (double x = -800; x <= 800; x += 0.37) {
            double sp = Numerics.softplus(x);
            double sig = Numerics.sigmoid(x);
            Softplus.both(x, both);
            assertEquals(sp, Softplus.softplus(x), 1e-11 * sp, "softplus " + x);
            assertEquals(sp, both[0], 1e-11 * sp, "softplus " + x);
            assertEquals(sig, Softplus.sigmoid(x), 1e-14 * Math.max(sig, 1e-300), "sigmoid " + x);
            assertEquals(sig, both[1], 1e-14 * Math.max(sig, 1e-300), "sigmoid " + x);
            assertTrue(Double.isFinite(both[0]) && both[0] >= 0);
        }
        for (double x : new double[]{-3, -9.2, -9.21, -9.22, -13.8, -14, -20, 0, 1e-8, -1e-8}) {
            assertEquals(Numerics.softplus(x), Softplus.softplus(x), 1e-11 * Numerics.softplus(x), "softplus " + x);
        }
    }
}
