package dev.credence.core.spi;

import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.engine.DenseLayer;
import dev.credence.core.engine.Dropout;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.testing.GemmThreads;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The predictives' passes on several threads give the numbers of the one-thread loop, bit for bit. */
class ForwardPassesTest {
    private static final int D = 6;
    private static final int K = 4;
    /** Three chunks, the last one partial. */
    private static final int N = 2500;
    private static final int[] THREADS = {1, 2, 3};

    private static FMatrixRMaj input() {
        FMatrixRMaj x = new FMatrixRMaj(N, D);
        Rng data = new Rng(8);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) data.nextGaussian();
        }
        return x;
    }

    private static MlpShape shape() {
        return new MlpShape(D, new int[]{9, 8}, K, "relu");
    }

    private static Network dropoutNet() {
        return shape().build((i, in, out) -> new DenseLayer("layer" + i, in, out), i -> List.<Layer>of(new Dropout(0.3)))
                .initialize(new Rng(3));
    }

    /** The predictive as it was computed before the passes were spread over threads: one stream, chunk by chunk. */
    private static float[][] sequentialLogits(Network net, FMatrixRMaj x, Mode mode, long seed, int s) {
        Rng rng = new Rng(seed);
        float[][] out = new float[s][N * K];
        for (int from = 0; from < N; from += NetworkPredictive.CHUNK) {
            int rows = Math.min(NetworkPredictive.CHUNK, N - from);
            FMatrixRMaj chunk = new FMatrixRMaj(rows, D);
            System.arraycopy(x.data, from * D, chunk.data, 0, rows * D);
            for (int i = 0; i < s; i++) {
                FMatrixRMaj z = net.forward(chunk, mode, rng);
                System.arraycopy(z.data, 0, out[i], from * K, rows * K);
            }
        }
        return out;
    }

    private static void assertSameAtEveryThreadCount(Network net, boolean stochastic, int s) {
        FMatrixRMaj x = input();
        float[][] expected = sequentialLogits(net, x, stochastic ? Mode.SAMPLE : Mode.MEAN, 77, stochastic ? s : 1);
        List<float[][]> got = GemmThreads.eachOf(THREADS, t -> new NetworkPredictive(net, stochastic, 77).sampleLogits(x, s).logits());
        for (int r = 0; r < THREADS.length; r++) {
            assertEquals(expected.length, got.get(r).length);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], got.get(r)[i], THREADS[r] + " threads, sample " + i);
            }
        }
        if (stochastic) {
            assertFalse(java.util.Arrays.equals(expected[0], expected[1]), "passes must differ");
        }
    }

    @Test
    void dropoutPassesAreBitIdenticalOnOneTwoAndThreeThreads() {
        assertSameAtEveryThreadCount(dropoutNet(), true, 5);
    }

    @Test
    void aMeanPassIsBitIdenticalOnEveryThreadCount() {
        assertSameAtEveryThreadCount(dropoutNet(), false, 5);
    }

    @Test
    void weightSamplesOfEveryEstimatorAreBitIdenticalOnEveryThreadCount() {
        for (GradientEstimator e : GradientEstimator.values()) {
            assertSameAtEveryThreadCount(GaussianLayers.mlp(shape(), e, -3).initialize(new Rng(5)), true, 4);
        }
    }

    @Test
    void snapshotPassesAreBitIdenticalOnEveryThreadCountAndToLoadingEachInTurn() {
        Network net = dropoutNet();
        List<float[]> snapshots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            snapshots.add(ParameterSnapshots.capture(net.copy().initialize(new Rng(20 + i)).params()));
        }
        FMatrixRMaj x = input();
        float[][] expected = new float[3][];
        for (int i = 0; i < 3; i++) {
            ParameterSnapshots.load(snapshots.get(i), net.params());
            expected[i] = sequentialLogits(net, x, Mode.MEAN, 0, 1)[0];
        }
        SnapshotPredictive p = new SnapshotPredictive(net, snapshots);
        List<float[][]> got = GemmThreads.eachOf(THREADS, t -> p.sampleLogits(x, 3).logits());
        for (int r = 0; r < THREADS.length; r++) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], got.get(r)[i], THREADS[r] + " threads, snapshot " + i);
            }
        }
        assertFalse(java.util.Arrays.equals(expected[0], expected[1]), "snapshots must differ");
    }

    private static final float MARKER = 1e6f;
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The identity, noting the thread it runs on; it fails on a chunk starting with {@link #MARKER} (a helper's failure
     * must reach the caller, not hang it).
     */
    private static final class Probe implements Layer {
        private static final long serialVersionUID = 1L;

        @Override
        public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
            SEEN.add(Thread.currentThread().getName());
            if (x.data[0] == MARKER) {
                throw new IllegalStateException("marked chunk");
            }
            return x;
        }

        @Override
        public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
            return g;
        }

        @Override
        public int outputSize(int inputSize) {
            return inputSize;
        }
    }

    @Test
    void theChunksRunOnAsManyThreadsAsTheGemmMay() {
        Network net = new Network(D, List.of(new Probe()));
        FMatrixRMaj x = input(); // three chunks, so three threads; the partial one too, since nothing draws noise
        for (int t : THREADS) {
            SEEN.clear();
            float[] z = GemmThreads.eachOf(new int[]{t}, u -> new NetworkPredictive(net, false, 1).sampleLogits(x, 1)).get(0)
                    .logits()[0];
            assertArrayEquals(x.data, z, "the identity");
            assertEquals(t, SEEN.size(), "threads used: " + SEEN);
        }
    }

    @Test
    void aFailureOnAnyThreadIsThrownToTheCaller() {
        Network net = new Network(D, List.of(new Probe()));
        FMatrixRMaj x = input();
        x.data[NetworkPredictive.CHUNK * D] = MARKER; // the second chunk, a helper's when there is one
        for (int t : THREADS) {
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IllegalStateException.class,
                    () -> GemmThreads.eachOf(new int[]{t}, u -> new NetworkPredictive(net, false, 1).sampleLogits(x, 1))));
            assertEquals("marked chunk", e.getMessage(), t + " threads");
        }
    }
}
