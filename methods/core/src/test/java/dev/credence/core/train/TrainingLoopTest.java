package dev.credence.core.train;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Adam;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.engine.Sgd;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingLoopTest {

    /** Two Gaussian blobs in 4-D, separable. */
    static DenseData blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, 4);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x.data[i * 4 + j] = (float) (rng.nextGaussian() + (y[i] == 0 ? -1.5 : 1.5));
            }
        }
        return new DenseData(x, y, List.of("a", "b"), List.of("f0", "f1", "f2", "f3"));
    }

    static List<float[]> train(long seed, DenseData data) {
        Rng rng = new Rng(seed);
        Network net = new MlpShape(4, new int[]{8}, 2, "relu").buildDense().initialize(rng.split());
        new TrainingLoop("test", 3, 16).run(data, net.params(), new CrossEntropyObjective(net, 1e-3),
                new Adam(net.params(), 1e-2), rng.split(), TrainingListener.NONE, StepHook.NONE);
        List<float[]> weights = new ArrayList<>();
        for (Param p : net.params()) {
            weights.add(p.value().data.clone());
        }
        return weights;
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        DenseData data = blobs(100, 7);
        List<float[]> a = train(11, data);
        List<float[]> b = train(11, data);
        List<float[]> c = train(12, data);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(java.util.Arrays.equals(a.get(0), c.get(0)));
    }

    @Test
    void lossDecreasesAndEpochsAreRecorded() {
        DenseData data = blobs(200, 1);
        Rng rng = new Rng(3);
        Network net = new MlpShape(4, new int[]{8}, 2, "relu").buildDense().initialize(rng.split());
        List<EpochRecord> seen = new ArrayList<>();
        TrainingHistory h = new TrainingLoop("test", 5, 32).run(data, net.params(), new CrossEntropyObjective(net, 0),
                new Adam(net.params(), 1e-2), rng, (m, r, total) -> seen.add(r), StepHook.NONE);
        assertEquals(5, h.epochs().size());
        assertEquals(5, seen.size());
        assertEquals(1000, h.examplesProcessed());
        assertTrue(h.epochs().get(4).terms().get("nll") < h.epochs().get(0).terms().get("nll"));
        assertEquals(List.of("loss", "nll", "weight_decay"), List.copyOf(h.epochs().get(0).terms().keySet()));
    }

    @Test
    void divergenceStopsTheRunNamingMethodEpochAndStep() {
        DenseData data = blobs(64, 2);
        Rng rng = new Rng(4);
        Network net = new MlpShape(4, new int[]{8}, 2, "relu").buildDense().initialize(rng.split());
        DivergenceException e = assertThrows(DivergenceException.class, () ->
                new TrainingLoop("map", 50, 16).run(data, net.params(), new CrossEntropyObjective(net, 0),
                        new Sgd(net.params(), 1e30, 0), rng, TrainingListener.NONE, StepHook.NONE));
        assertTrue(e.getMessage().startsWith("map diverged at epoch "), e.getMessage());
        assertTrue(e.epoch() >= 1 && e.step() >= 1);
        assertTrue(Double.isFinite(e.lastFiniteLoss()), e.getMessage());
    }
}
