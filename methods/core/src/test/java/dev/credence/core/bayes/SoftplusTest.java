package dev.credence.core.bayes;

import dev.credence.core.engine.Numerics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftplusTest {
    @Test
    void doubleReferenceAgreesWithNumericsOverTheWholeRange() {
        for (double x = -800; x <= 800; x += 0.37) {
            double sp = Numerics.softplus(x);
            assertEquals(sp, Softplus.softplus(x), 1e-11 * sp, "softplus " + x);
            assertTrue(Double.isFinite(Softplus.softplus(x)) && Softplus.softplus(x) >= 0);
        }
        for (double x : new double[]{-3, -9.2, -9.21, -9.22, -13.8, -14, -20, 0, 1e-8, -1e-8}) {
            assertEquals(Numerics.softplus(x), Softplus.softplus(x), 1e-11 * Numerics.softplus(x), "softplus " + x);
        }
    }
}
