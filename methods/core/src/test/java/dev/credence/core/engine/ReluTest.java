package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReluTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f,
            1f, -1f, 3.5f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    @Test
    void branchFreeLoopsGiveExactlyTheDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        int n = SPECIAL.length + 2000;
        FMatrixRMaj x = new FMatrixRMaj(1, n);
        FMatrixRMaj g = new FMatrixRMaj(1, n);
        for (int i = 0; i < n; i++) {
            x.data[i] = i < SPECIAL.length ? SPECIAL[i] : (float) random.nextGaussian();
            g.data[i] = (float) random.nextGaussian();
        }
        Relu relu = new Relu();
        FMatrixRMaj y = relu.forward(x, Mode.TRAIN, new Rng(0));
        FMatrixRMaj dx = relu.backward(g, true);
        for (int i = 0; i < n; i++) {
            float xi = x.data[i];
            float expectedY = xi > 0f ? xi : 0f;
            float expectedGrad = g.data[i] * (xi > 0f ? 1f : 0f);
            assertEquals(Float.floatToIntBits(expectedY), Float.floatToIntBits(y.data[i]), "f(" + xi + ")");
            assertEquals(Float.floatToIntBits(expectedGrad), Float.floatToIntBits(dx.data[i]), "f'(" + xi + ")");
        }
    }

    @Test
    void nanIsPropagatedNotHidden() {
        FMatrixRMaj x = new FMatrixRMaj(1, 2, true, Float.NaN, 1f);
        assertTrue(Float.isNaN(new Relu().forward(x, Mode.TRAIN, new Rng(0)).data[0]));
    }
}
