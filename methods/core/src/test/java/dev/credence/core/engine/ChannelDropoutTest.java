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

/** Spatial dropout: one mask value per channel, statistics, mean-mode identity, and gradients under a fixed mask. */
class ChannelDropoutTest {

    private static FMatrixRMaj ones(int rows, int cols) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        java.util.Arrays.fill(x.data, 1f);
        return x;
    }

    @Test
    void everyPositionOfAChannelSharesOneMaskValueAndAboutOneMinusPOfTheChannelsAreKept() {
        double p = 0.3;
        int channels = 50;
        int positions = 9;
        ChannelDropout dropout = new ChannelDropout(p, channels, positions);
        FMatrixRMaj out = dropout.forward(ones(200, channels * positions), Mode.TRAIN, new Rng(11));
        int kept = 0;
        for (int u = 0; u < 200 * channels; u++) {
            float first = out.data[u * positions];
            for (int q = 1; q < positions; q++) {
                assertEquals(first, out.data[u * positions + q], 0f, "channel " + u);
            }
            if (first != 0f) {
                kept++;
                assertEquals((float) (1 / (1 - p)), first, 0f);
            }
        }
        // 10,000 Bernoulli(0.7) channels: sd √(0.21/10000) ≈ 0.0046; 0.02 is over 4 sd
        assertEquals(1 - p, kept / 10000.0, 0.02);
    }

    @Test
    void meanModeIsTheIdentityAndTheSameStreamGivesTheSameMask() {
        ChannelDropout dropout = new ChannelDropout(0.5, 3, 4);
        FMatrixRMaj x = new FMatrixRMaj(5, 12);
        new Rng(2).fillUniform(x.data, 0, x.data.length, -1, 1);
        assertSame(x, dropout.forward(x, Mode.MEAN, new Rng(3)));
        FMatrixRMaj first = dropout.forward(x, Mode.TRAIN, new Rng(5));
        float[] firstValues = first.data.clone();
        assertArrayEquals(firstValues, dropout.forward(x, Mode.TRAIN, new Rng(5)).data);
        assertFalse(java.util.Arrays.equals(firstValues, dropout.forward(x, Mode.TRAIN, new Rng(6)).data));
    }

    @Test
    void backwardUsesTheForwardMask() {
        ChannelDropout dropout = new ChannelDropout(0.5, 4, 6);
        FMatrixRMaj out = dropout.forward(ones(3, 24), Mode.TRAIN, new Rng(7));
        assertArrayEquals(out.data, dropout.backward(ones(3, 24), true).data);
    }

    @Test
    void aConvolutionalNetworkWithSpatialDropoutMatchesFiniteDifferencesUnderAFixedMask() {
        Rng init = new Rng(21);
        ConvShape shape = new ConvShape(2, 6, 6, List.of(new LayerSpec.Conv(3, 3), new LayerSpec.AvgPool(2),
                new LayerSpec.Dense(5)), 3, "tanh");
        Network net = shape.build((i, g) -> new Conv2d("layer" + i, g), (i, in, out) -> new DenseLayer("layer" + i, in, out),
                i -> i == 0 ? List.of(new ChannelDropout(0.4, 3, 4)) : List.of(new Dropout(0.3))).initialize(init);
        assertTrue(net.layers().get(3) instanceof ChannelDropout, "the block's dropout comes after its pooling layer");
        FMatrixRMaj x = new FMatrixRMaj(4, 72);
        init.fillUniform(x.data, 0, x.data.length, -1, 1);
        int[] y = {0, 1, 2, 1};
        long maskSeed = 99;
        FMatrixRMaj g = new FMatrixRMaj(1, 1);
        net.zeroGrad();
        SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, new Rng(maskSeed)), y, g, 1.0);
        net.backward(g);
        List<GradientCheck.Target> targets = new ArrayList<>(net.params().stream().map(GradientCheck::of).toList());
        GradientCheck.Result result = GradientCheck.check(targets,
                () -> SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, new Rng(maskSeed)), y, null, 1.0),
                1e-2, 40, 1e-2, new Rng(1));
        assertTrue(result.maxRelativeError() < 2e-3, result.toString());
        assertTrue(result.checked() > 80, result.toString());
    }

    @Test
    void badSizesAndRatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelDropout(1.0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ChannelDropout(0.1, 0, 2));
        ChannelDropout d = new ChannelDropout(0.1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> d.forward(ones(1, 5), Mode.TRAIN, new Rng(1)));
    }
}
