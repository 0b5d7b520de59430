package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inverted dropout: masking statistics, mean-mode identity, and gradients through a network with a fixed mask. */
class DropoutTest {

    private static FMatrixRMaj ones(int rows, int cols) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        java.util.Arrays.fill(x.data, 1f);
        return x;
    }

    @Test
    void trainKeepsAboutOneMinusPOfTheUnitsScaledByOneOverOneMinusP() {
        double p = 0.3;
        Dropout dropout = new Dropout(p);
        FMatrixRMaj out = dropout.forward(ones(200, 100), Mode.TRAIN, new Rng(11));
        int kept = 0;
        for (float v : out.data) {
            if (v != 0f) {
                kept++;
                assertEquals((float) (1 / (1 - p)), v, 0f);
            }
        }
        // 20,000 Bernoulli(0.7) draws: the kept fraction has sd √(0.21/20000) ≈ 0.0032; 0.015 is ~5 sd
        assertEquals(1 - p, kept / 20000.0, 0.015);
        // inverted scaling keeps the mean activation ≈ 1
        double mean = 0;
        for (float v : out.data) {
            mean += v / 20000.0;
        }
        assertEquals(1.0, mean, 0.03);
    }

    @Test
    void sampleModeMasksAndMeanModeIsTheIdentity() {
        Dropout dropout = new Dropout(0.5);
        FMatrixRMaj x = new FMatrixRMaj(3, 4);
        new Rng(2).fillUniform(x.data, 0, x.data.length, -1, 1);
        FMatrixRMaj mean = dropout.forward(x, Mode.MEAN, new Rng(3));
        assertArrayEquals(x.data, mean.data);
        FMatrixRMaj g = ones(3, 4);
        assertArrayEquals(g.data, dropout.backward(g, true).data);
        FMatrixRMaj sampled = dropout.forward(x, Mode.SAMPLE, new Rng(3));
        int zeros = 0;
        for (float v : sampled.data) {
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < 12, "zeros " + zeros);
    }

    @Test
    void sameStreamSameMaskAndBuffersAreReused() {
        Dropout dropout = new Dropout(0.4);
        FMatrixRMaj x = ones(8, 8);
        FMatrixRMaj first = dropout.forward(x, Mode.TRAIN, new Rng(5));
        float[] firstValues = first.data.clone();
        FMatrixRMaj again = dropout.forward(x, Mode.TRAIN, new Rng(5));
        assertSame(first, again);
        assertArrayEquals(firstValues, again.data);
        assertFalse(java.util.Arrays.equals(firstValues, dropout.forward(x, Mode.TRAIN, new Rng(6)).data));
    }

    @Test
    void backwardUsesTheForwardMask() {
        Dropout dropout = new Dropout(0.5);
        FMatrixRMaj out = dropout.forward(ones(4, 5), Mode.TRAIN, new Rng(7));
        FMatrixRMaj dx = dropout.backward(ones(4, 5), true);
        // with x = 1 and dy = 1, dx must equal the mask, i.e. the output
        assertArrayEquals(out.data, dx.data);
    }

    @Test
    void networkWithDropoutMatchesFiniteDifferencesUnderAFixedMask() {
        Rng init = new Rng(21);
        Network net = new MlpShape(5, new int[]{7, 6}, 3, "tanh")
                .build((i, in, out) -> new DenseLayer("layer" + i, in, out), i -> List.of(new Dropout(0.3)))
                .initialize(init);
        FMatrixRMaj x = new FMatrixRMaj(6, 5);
        init.fillUniform(x.data, 0, x.data.length, -1, 1);
        int[] y = {0, 1, 2, 2, 1, 0};
        long maskSeed = 99;
        FMatrixRMaj g = new FMatrixRMaj(1, 1);
        net.zeroGrad();
        SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, new Rng(maskSeed)), y, g, 1.0);
        net.backward(g);
        List<GradientCheck.Target> targets = new ArrayList<>(net.params().stream().map(GradientCheck::of).toList());
        GradientCheck.Result result = GradientCheck.check(targets,
                () -> SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, new Rng(maskSeed)), y, null, 1.0),
                1e-2, 40, 1e-2, new Rng(1));
        assertTrue(result.maxRelativeError() < 1e-3, result.toString());
        assertTrue(result.checked() > 80, result.toString());
    }

    @Test
    void rateOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
    }
}
