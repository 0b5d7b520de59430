package dev.credence.core.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftplusTest {
    @Test
    void doubleReferenceAgreesWithNumericsOverTheWholeRange() {
        for (double x = -800; x <= 800; x += 0.37) {
            double sp = Numerics.softplus(x);
            assertEquals(sp, Softplus.of(x), 1e-11 * sp, "softplus " + x);
            assertTrue(Double.isFinite(Softplus.of(x)) && Softplus.of(x) >= 0);
        }
        for (double x : new double[]{-3, -9.2, -9.21, -9.22, -13.8, -14, -20, 0, 1e-8, -1e-8}) {
            assertEquals(Numerics.softplus(x), Softplus.of(x), 1e-11 * Numerics.softplus(x), "softplus " + x);
        }
        Softplus activation = new Softplus();
        for (float x : new float[]{-90f, -9.21f, -1e-8f, 0f, 0.5f, 17f, 89f}) {
            assertEquals((float) Softplus.of(x), activation.apply(x), "the activation rounds the double softplus");
        }
    }
}
