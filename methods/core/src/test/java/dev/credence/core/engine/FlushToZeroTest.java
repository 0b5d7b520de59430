package dev.credence.core.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimisers never leave subnormal or negligible values behind: the case that made FMNIST-LT epochs 20× slower
 * (weights without a data gradient, shrinking under L2 decay with Adam), reproduced on a small tensor.
 */
class FlushToZeroTest {

    private static long negligible(float[] a, float max) {
        long n = 0;
        for (float x : a) {
            if (x != 0 && (Math.abs(x) < Float.MIN_NORMAL || Math.abs(x) < max * FlushToZero.RELATIVE_WEIGHT_THRESHOLD)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Two weights: one with a data gradient, one whose only gradient is the decay's λw. Adam drives the second
     * towards zero with a geometrically shrinking oscillation; without the flush it passes 10⁻³⁰ and the subnormal
     * range within a few thousand steps.
     */
    @Test
    void adamWithWeightDecayDrivesAWeightWithoutDataGradientToExactlyZero() {
        Param p = new Param("w", 1, 2, true);
        p.value().data[0] = 0.05f;
        p.value().data[1] = 0.05f;
        Adam adam = new Adam(List.of(p), 1e-3);
        double lambda = 5e-4;
        boolean reachedZero = false;
        float smallestNonZero = Float.MAX_VALUE;
        for (int t = 0; t < 20000; t++) {
            p.zeroGrad();
            p.grad().data[0] = (float) Math.sin(t * 0.1) * 1e-2f;
            WeightDecay.applyL2(List.of(p), lambda);
            adam.step();
            float w = p.value().data[1];
            float largest = Math.max(Math.abs(p.value().data[0]), Math.abs(w));
            assertTrue(w == 0 || Math.abs(w) >= Float.MIN_NORMAL && Math.abs(w) >= largest * FlushToZero.RELATIVE_WEIGHT_THRESHOLD,
                    "step " + t + ": " + w);
            if (w == 0) {
                reachedZero = true;
            } else {
                smallestNonZero = Math.min(smallestNonZero, Math.abs(w));
            }
        }
        assertTrue(reachedZero, "the decaying weight reaches 0; smallest non-zero " + smallestNonZero);
        assertEquals(0f, p.value().data[1]);
        assertTrue(Math.abs(p.value().data[0]) > 1e-4, "the weight with a data gradient is untouched: " + p.value().data[0]);
        assertTrue(unflushedMinimum(20000) < 1e-30, "the same update without the flush goes below 1e-30");
    }

    /** @return the smallest non-zero |w| Adam's update gives, in float without any flush, for a weight with only λw */
    private static float unflushedMinimum(int steps) {
        float w = 0.05f;
        float m = 0;
        float v = 0;
        float smallest = Float.MAX_VALUE;
        for (int t = 1; t <= steps; t++) {
            float g = (float) (5e-4 * w);
            m = 0.9f * m + 0.1f * g;
            v = 0.999f * v + 0.001f * g * g;
            w -= (float) (1e-3 / (1 - Math.pow(0.9, t))) * m / ((float) Math.sqrt(v) / (float) Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8f);
            if (w != 0) {
                smallest = Math.min(smallest, Math.abs(w));
            }
        }
        return smallest;
    }

    @Test
    void weightsBelowTheRelativeThresholdAndSubnormalStateAreZeroed() {
        float[] w = {1f, -0x1p-65f, 0x1p-63f, 0f, 1e-39f};
        FlushToZero.weights(w);
        assertEquals(1f, w[0]);
        assertEquals(0f, w[1], "2⁻⁶⁵ of the largest");
        assertEquals(0x1p-63f, w[2], "2⁻⁶³ of the largest stays");
        assertEquals(0f, w[4], "subnormal");
        assertEquals(0, negligible(w, 1f));
        float[] zeros = {0f, 0f};
        FlushToZero.weights(zeros);
        assertEquals(0f, zeros[0]);
        float[] alone = {1e-30f};
        FlushToZero.weights(alone);
        assertEquals(1e-30f, alone[0], "a tensor's largest weight is never negligible unless subnormal");
        assertEquals(0f, FlushToZero.state(1e-39f));
        assertEquals(-Float.MIN_NORMAL, FlushToZero.state(-Float.MIN_NORMAL));
    }

    @Test
    void sgdMomentumBufferAndWeightsAreFlushedToo() {
        Param p = new Param("w", 1, 2, true);
        p.value().data[0] = 1f;
        p.value().data[1] = 1e-36f;
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.9);
        p.grad().data[1] = 1e-39f;
        sgd.step();
        assertEquals(0f, p.value().data[1]);
        assertEquals(1f, p.value().data[0]);
    }
}
