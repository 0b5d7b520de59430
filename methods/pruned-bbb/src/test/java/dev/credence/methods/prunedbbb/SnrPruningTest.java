package dev.credence.methods.prunedbbb;

import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.bayes.GaussianTensor;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.LayerSpec;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnrPruningTest {

    /** A random posterior with deliberate SNR ties (zero means, and repeated (μ, ρ) pairs). */
    static Network posterior(long seed) {
        Rng rng = new Rng(seed);
        Network net = GaussianLayers.mlp(new MlpShape(5, new int[]{7, 6}, 3, "relu"), GradientEstimator.sampled_weights, -3)
                .initialize(rng.split());
        return withTies(net, rng);
    }

    /** The same kind of posterior for a small CNN: conv 2@3×3 padding 1 on 1×6×6, maxpool 2, dense 4, 3 classes. */
    static Network cnnPosterior(long seed) {
        Rng rng = new Rng(seed);
        ConvShape shape = new ConvShape(1, 6, 6, List.of(new LayerSpec.Conv(2, 3, 3, 1, 1), new LayerSpec.MaxPool(2),
                new LayerSpec.Dense(4)), 3, "relu");
        return withTies(GaussianLayers.cnn(shape, GradientEstimator.flipout, -3).initialize(rng.split()), rng);
    }

    private static Network withTies(Network net, Rng rng) {
        for (GaussianAffineLayer layer : GaussianLayers.of(net)) {
            for (GaussianTensor t : layer.tensors()) {
                rng.fillUniform(t.rho().value().data, 0, t.size(), -4f, 0f);
            }
            float[] mu = layer.weight().mu().value().data;
            float[] rho = layer.weight().rho().value().data;
            for (int j = 0; j < mu.length; j += 5) {
                mu[j] = 0f;
            }
            for (int j = 1; j + 3 < mu.length; j += 7) {
                mu[j + 3] = mu[j];
                rho[j + 3] = rho[j];
            }
        }
        return net;
    }

    /** Brute force: every weight as (snr, layer, index), sorted by snr then global position. */
    static List<int[]> bruteForceLowest(Network net, int count) {
        List<double[]> all = new ArrayList<>();
        List<GaussianAffineLayer> layers = GaussianLayers.of(net);
        int global = 0;
        for (int l = 0; l < layers.size(); l++) {
            GaussianTensor w = layers.get(l).weight();
            for (int j = 0; j < w.size(); j++) {
                double sigma = Math.log1p(Math.exp(w.rho().value().data[j]));
                all.add(new double[]{Math.abs(w.mu().value().data[j]) / sigma, global++, l, j});
            }
        }
        all.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new int[]{(int) all.get(i)[2], (int) all.get(i)[3]});
        }
        return out;
    }

    /** On an MLP, and on a CNN, whose kernels and dense weights are ranked together. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void removesExactlyTheFloorOfFTimesWLowestSnrWeightsAndNoBiases(boolean cnn) {
        Network net = cnn ? cnnPosterior(1) : posterior(1);
        List<GaussianAffineLayer> original = GaussianLayers.of(net);
        int weights = SnrPruning.weightCount(original);
        assertEquals(cnn ? 9 * 2 + 18 * 4 + 4 * 3 : 5 * 7 + 7 * 6 + 6 * 3, weights);
        assertEquals(cnn ? 2 + 4 + 3 : 7 + 6 + 3, SnrPruning.biasCount(original));
        List<float[]> before = new ArrayList<>();
        for (Param p : net.params()) {
            before.add(p.value().data.clone());
        }
        int[] ranking = SnrPruning.rankBySnr(original);
        for (double f : new double[]{0, 0.1, 0.5, 0.58, 0.75, 0.9, 0.95, 0.98, 1}) {
            int expected = (int) Math.floor(f * weights + 1e-9);
            assertEquals(expected, SnrPruning.removedCount(f, weights), "f = " + f);
            Network pruned = SnrPruning.prunedCopy(net, ranking, expected);
            assertNotSame(net, pruned);
            List<GaussianAffineLayer> layers = GaussianLayers.of(pruned);
            Set<String> removed = new HashSet<>();
            for (int[] lj : bruteForceLowest(net, expected)) {
                removed.add(lj[0] + ":" + lj[1]);
            }
            int count = 0;
            for (int l = 0; l < layers.size(); l++) {
                GaussianTensor w = layers.get(l).weight();
                GaussianTensor w0 = original.get(l).weight();
                for (int j = 0; j < w.size(); j++) {
                    boolean gone = w.isRemoved(j);
                    assertEquals(removed.contains(l + ":" + j), gone, "f = " + f + ", layer " + l + ", weight " + j);
                    if (gone) {
                        count++;
                        assertEquals(0f, w.mu().value().data[j]);
                        assertEquals(0.0, w.sigmaAt(j));
                    } else {
                        assertEquals(w0.mu().value().data[j], w.mu().value().data[j]);
                        assertEquals(w0.sigmaAt(j), w.sigmaAt(j));
                    }
                }
                assertEquals(0, layers.get(l).bias().removedCount());
                assertArrayEquals(original.get(l).bias().mu().value().data, layers.get(l).bias().mu().value().data, 0f);
                assertArrayEquals(original.get(l).bias().rho().value().data, layers.get(l).bias().rho().value().data, 0f);
            }
            assertEquals(expected, count, "f = " + f);
        }
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), net.params().get(i).value().data, 0f, "the trained network must not change");
        }
        for (GaussianAffineLayer layer : original) {
            assertEquals(0, layer.weight().removedCount());
        }
    }

    @Test
    void tiesAreBrokenByIndexDeterministically() {
        Network net = posterior(2);
        int[] a = SnrPruning.rankBySnr(GaussianLayers.of(net));
        int[] b = SnrPruning.rankBySnr(GaussianLayers.of(net.copy()));
        assertArrayEquals(a, b);
        // zero means have SNR 0: they come first, in index order
        assertEquals(0, a[0]);
        assertEquals(5, a[1]);
        assertTrue(a[2] > a[1]);
    }

    @Test
    void copiesShareNoStateAndPruningEverythingLeavesOnlyBiases() {
        Network net = posterior(3);
        int[] ranking = SnrPruning.rankBySnr(GaussianLayers.of(net));
        Network half = SnrPruning.prunedCopy(net, ranking, ranking.length / 2);
        Network all = SnrPruning.prunedCopy(net, ranking, ranking.length);
        FMatrixRMaj x = new FMatrixRMaj(4, 5);
        new Rng(4).fillUniform(x.data, 0, x.data.length, -1, 1);
        float[] first = half.forward(x, Mode.SAMPLE, new Rng(9)).data.clone();
        all.forward(x, Mode.SAMPLE, new Rng(9));
        net.forward(x, Mode.TRAIN, new Rng(10));
        assertArrayEquals(first, half.forward(x, Mode.SAMPLE, new Rng(9)).data, 0f);
        // with every weight removed the output no longer depends on the input: every row is the last layer's bias draw
        float[] out = all.forward(x, Mode.MEAN, new Rng(1)).data;
        float[] bias = GaussianLayers.of(all).get(2).bias().mu().value().data;
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(bias[k], out[r * 3 + k], 0f);
            }
        }
        assertFalse(java.util.Arrays.equals(first, all.forward(x, Mode.SAMPLE, new Rng(9)).data));
    }

    @Test
    void prunedKernelsAreZeroInTheCopysConvolution() {
        Network net = cnnPosterior(5);
        int[] ranking = SnrPruning.rankBySnr(GaussianLayers.of(net));
        Network pruned = SnrPruning.prunedCopy(net, ranking, ranking.length);
        // every kernel entry removed: the convolution's output is its bias alone, whatever the image, in every mode
        dev.credence.core.bayes.GaussianConv2d conv = (dev.credence.core.bayes.GaussianConv2d) pruned.layers().get(0);
        assertEquals(18, conv.weight().removedCount());
        FMatrixRMaj x = new FMatrixRMaj(2, 36);
        new Rng(6).fillUniform(x.data, 0, x.data.length, -1, 1);
        FMatrixRMaj x3 = x.copy();
        for (int i = 0; i < x3.data.length; i++) {
            x3.data[i] *= 3;
        }
        for (Mode mode : Mode.values()) {
            float[] a = conv.forward(x, mode, new Rng(7)).data.clone();
            assertArrayEquals(a, conv.forward(x3, mode, new Rng(7)).data, 0f, mode.name());
        }
        assertEquals(0, ((dev.credence.core.bayes.GaussianConv2d) net.layers().get(0)).weight().removedCount(),
                "the trained network keeps its kernels");
    }
}
