package dev.credence.core.spi;

import dev.credence.core.engine.Dropout;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NetworkPredictiveTest {
    private static Network dropoutNet() {
        return new MlpShape(6, new int[]{9, 8}, 4, "relu")
                .build((i, in, out) -> new dev.credence.core.engine.DenseLayer("layer" + i, in, out),
                        i -> List.<Layer>of(new Dropout(0.3)))
                .initialize(new Rng(3));
    }

    @Test
    void theDeterministicPrefixEndsAtTheFirstRandomLayer() {
        Network net = dropoutNet(); // dense, relu, dropout, dense, relu, dropout, dense
        assertEquals(2, net.deterministicPrefix(Mode.SAMPLE));
        assertEquals(2, net.deterministicPrefix(Mode.TRAIN));
        assertEquals(net.layers().size(), net.deterministicPrefix(Mode.MEAN));
        assertFalse(new Dropout(0).randomIn(Mode.SAMPLE));
    }

    /** Sharing the prefix must give exactly the numbers of S full passes drawing from the same stream. */
    @Test
    void sharedPrefixGivesTheSameSamplesAsFullPasses() {
        Network net = dropoutNet();
        int n = 2500; // three chunks, the last one partial
        FMatrixRMaj x = new FMatrixRMaj(n, 6);
        Rng data = new Rng(8);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) data.nextGaussian();
        }
        long seed = 77;
        int s = 5;
        PredictiveSamples fast = new NetworkPredictive(net, true, seed).sample(x, s);

        Rng rng = new Rng(seed);
        float[][] expected = new float[s][n * 4];
        for (int from = 0; from < n; from += 1024) {
            int rows = Math.min(1024, n - from);
            FMatrixRMaj chunk = new FMatrixRMaj(rows, 6);
            System.arraycopy(x.data, from * 6, chunk.data, 0, rows * 6);
            for (int i = 0; i < s; i++) {
                SoftmaxCrossEntropy.softmaxRows(net.forward(chunk, Mode.SAMPLE, rng), expected[i], from * 4);
            }
        }
        for (int i = 0; i < s; i++) {
            assertArrayEquals(expected[i], fast.probs()[i], "sample " + i);
        }
        assertFalse(java.util.Arrays.equals(fast.probs()[0], fast.probs()[1]), "passes must differ (dropout is on)");
    }

    @Test
    void theSoftmaxOfTheLogitSamplesIsTheSampleBitForBit() {
        Network net = dropoutNet();
        FMatrixRMaj x = new FMatrixRMaj(1500, 6);
        Rng data = new Rng(9);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) data.nextGaussian();
        }
        for (boolean stochastic : new boolean[]{true, false}) {
            NetworkPredictive p = new NetworkPredictive(net, stochastic, 41);
            PredictiveSamples direct = p.sample(x, 3);
            LogitSamples logits = p.sampleLogits(x, 3);
            assertEquals(direct.sampleCount(), logits.sampleCount());
            PredictiveSamples viaLogits = logits.softmax();
            for (int s = 0; s < direct.sampleCount(); s++) {
                assertArrayEquals(direct.probs()[s], viaLogits.probs()[s], "sample " + s + ", stochastic " + stochastic);
            }
        }
        PointNetwork point = new PointNetwork(net);
        FMatrixRMaj features = point.features(x);
        assertEquals(8, features.numCols);
        FMatrixRMaj logits = point.lastLayer().forward(features, Mode.MEAN, new Rng(0)).copy(); // the layer owns its output
        float[] mean = new NetworkPredictive(net, false, 0).sampleLogits(x, 1).logits()[0];
        assertArrayEquals(mean, java.util.Arrays.copyOf(logits.data, mean.length), "features then the last layer is the MEAN pass");
    }
}
