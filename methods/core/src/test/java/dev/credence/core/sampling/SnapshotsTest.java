package dev.credence.core.sampling;

import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.StepInfo;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thinning, snapshot copies and the predictive over snapshots. */
class SnapshotsTest {

    /** Runs a collector over {@code total} fake updates where the single parameter holds the update count. */
    private static List<Integer> keptSteps(long burnIn, long total, int samples) {
        Param p = new Param("count", 1, 1, false);
        return kept(p, new SnapshotCollector(List.of(p), burnIn, total, samples), total);
    }

    /** Steps {@code collector} {@code total} times with {@code p} holding the 1-based update count; the kept counts. */
    private static List<Integer> kept(Param p, SnapshotCollector collector, long total) {
        for (long t = 0; t < total; t++) {
            p.value().data[0] = t + 1;
            collector.afterStep(new StepInfo(0, (int) t, (int) total, t, 1, null));
        }
        List<Integer> kept = new ArrayList<>();
        for (float[] s : collector.snapshots()) {
            kept.add((int) s[0]);
        }
        return kept;
    }

    @Test
    void keepsTheLastSEvenlySpacedSnapshotsAfterBurnIn() {
        assertEquals(List.of(20, 30, 40, 50), keptSteps(10, 50, 4));
        // 49 post-burn-in updates, 4 samples: k = 12, j = 1..4
        assertEquals(List.of(22, 34, 46, 58), keptSteps(10, 59, 4));
        // 43 updates, 4 samples: k = 10, j ∈ 1..4 (the spare 3 updates come last)
        assertEquals(List.of(20, 30, 40, 50), keptSteps(10, 53, 4));
        // 9 updates for 2 samples: k = 4, j ∈ 1..2
        assertEquals(List.of(4, 8), keptSteps(0, 9, 2));
        // one sample per update
        assertEquals(List.of(6, 7, 8), keptSteps(5, 8, 3));
        assertThrows(IllegalArgumentException.class, () -> SnapshotCollector.thinning(10, 12, 3));
    }

    /** Runs a collector over {@code total} fake updates where the single parameter holds the update count. */
    private static List<Integer> keptSteps(List<SnapshotCollector.Window> windows, long total, int perWindow) {
        Param p = new Param("count", 1, 1, false);
        return kept(p, new SnapshotCollector(List.of(p), windows, perWindow), total);
    }

    @Test
    void keepsEvenlySpacedSnapshotsInEachWindowOnly() {
        // windows [20, 25) and [45, 50): 5 updates each, 2 samples: k = 2, after updates 21, 23 and 46, 48 (1-based 22, 24, 47, 49)
        List<SnapshotCollector.Window> two = List.of(new SnapshotCollector.Window(20, 25), new SnapshotCollector.Window(45, 50));
        assertEquals(List.of(22, 24, 47, 49), keptSteps(two, 60, 2));
        // one window is the burn-in form
        assertEquals(keptSteps(10, 59, 4), keptSteps(List.of(new SnapshotCollector.Window(10, 59)), 59, 4));
        // the cyclical schedule's sampling windows: every kept sample follows a sampling update
        StepSizeSchedule.Cyclical c = new StepSizeSchedule.Cyclical(1e-3, 120, 4, 0.8);
        List<Integer> kept = keptSteps(c.samplingWindows(), 120, 3);
        assertEquals(List.of(26, 28, 30, 56, 58, 60, 86, 88, 90, 116, 118, 120), kept);
        for (int afterUpdate : kept) {
            assertTrue(c.sampling(afterUpdate - 1), "kept after update " + (afterUpdate - 1));
        }
        assertThrows(IllegalArgumentException.class, () -> keptSteps(two, 60, 6));
        assertThrows(IllegalArgumentException.class, () -> keptSteps(List.of(new SnapshotCollector.Window(20, 30),
                new SnapshotCollector.Window(25, 35)), 60, 1));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotCollector.Window(5, 5));
    }

    @Test
    void captureAndLoadRoundTripAcrossParameters() {
        Network net = new MlpShape(3, new int[]{4}, 2, "relu").buildDense().initialize(new Rng(1));
        float[] snapshot = ParameterSnapshots.capture(net.params());
        assertEquals(net.parameterCount(), snapshot.length);
        for (Param p : net.params()) {
            java.util.Arrays.fill(p.value().data, 7f);
        }
        ParameterSnapshots.load(snapshot, net.params());
        assertArrayEquals(snapshot, ParameterSnapshots.capture(net.params()));
        assertThrows(IllegalArgumentException.class, () -> ParameterSnapshots.load(new float[3], net.params()));
    }

    @Test
    void predictiveGivesOneMeanPassPerSnapshot() throws Exception {
        Network net = new MlpShape(3, new int[]{5}, 4, "tanh").buildDense();
        List<float[]> snapshots = new ArrayList<>();
        List<float[]> direct = new ArrayList<>();
        FMatrixRMaj x = new FMatrixRMaj(6, 3);
        new Rng(9).fillUniform(x.data, 0, x.data.length, -1, 1);
        for (int s = 0; s < 3; s++) {
            net.initialize(new Rng(100 + s));
            snapshots.add(ParameterSnapshots.capture(net.params()));
            float[] probs = new float[6 * 4];
            dev.credence.core.engine.SoftmaxCrossEntropy.softmaxRows(
                    net.forward(x, dev.credence.core.engine.Mode.MEAN, new Rng(0)), probs, 0);
            direct.add(probs);
        }
        SnapshotPredictive predictive = new SnapshotPredictive(net, snapshots);
        assertTrue(predictive.stochastic());
        PredictiveSamples samples = predictive.sample(x, 32);
        assertEquals(3, samples.sampleCount());
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(direct.get(s), samples.probs()[s], 1e-6f);
        }
        assertFalse(java.util.Arrays.equals(samples.probs()[0], samples.probs()[1]));
        assertArrayEquals(samples.probs()[2], predictive.sample(x, 32).probs()[2]);
        // fewer samples than kept: an evenly spaced subset
        assertEquals(1, predictive.sample(x, 1).sampleCount());
        assertArrayEquals(direct.get(0), predictive.sample(x, 1).probs()[0], 1e-6f);
        // serializable with its snapshots
        SnapshotPredictive copy = dev.credence.core.DeepCopy.of(predictive);
        assertArrayEquals(samples.probs()[1], copy.sample(x, 32).probs()[1]);
        assertEquals(4L * 3 * net.parameterCount(), predictive.snapshotBytes());
    }
}
