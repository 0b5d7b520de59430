package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumericsTest {
    @Test
    void softplusAndSigmoidStayFiniteAtExtremes() {
        assertEquals(1000.0, Numerics.softplus(1000), 1e-12);
        assertEquals(Math.exp(-1000), Numerics.softplus(-1000), 1e-300);
        assertEquals(Math.log(2), Numerics.softplus(0), 1e-15);
        assertEquals(1.0, Numerics.sigmoid(800), 0);
        assertEquals(0.0, Numerics.sigmoid(-800), 1e-300);
        assertEquals(0.5, Numerics.sigmoid(0), 0);
    }

    @Test
    void crossEntropyOfHugeLogitsIsFinite() {
        // logits (1000, 0): lse = 1000 + ln(1 + e^-1000) = 1000; loss for class 1 = 1000, for class 0 ≈ 0
        FMatrixRMaj z = new FMatrixRMaj(2, 2, true, 1000f, 0f, 1000f, 0f);
        double loss = SoftmaxCrossEntropy.meanLossAndGrad(z, new int[]{0, 1}, null, 1.0);
        assertEquals(500.0, loss, 1e-9);
    }

    @Test
    void softmaxRowsSumToOne() {
        FMatrixRMaj z = new FMatrixRMaj(1, 3, true, 1f, 2f, 3f);
        float[] p = new float[3];
        SoftmaxCrossEntropy.softmaxRows(z, p, 0);
        // e^1, e^2, e^3 normalised: 0.09003, 0.24473, 0.66524
        assertEquals(0.0900306, p[0], 1e-6);
        assertEquals(0.2447285, p[1], 1e-6);
        assertEquals(0.6652410, p[2], 1e-6);
    }
}
