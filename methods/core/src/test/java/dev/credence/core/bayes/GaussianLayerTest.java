package dev.credence.core.bayes;

import dev.credence.core.engine.Affine;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import dev.credence.core.testing.GemmThreads;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks and mode semantics of the Gaussian-weight layers. */
class GaussianLayerTest {

    static final double TOL = 1e-3;
    static final long NOISE_SEED = 77;

    static GaussianAffineLayer layer(GradientEstimator estimator, int in, int out, Rng rng) {
        GaussianAffineLayer layer = GaussianAffineLayer.create(estimator, "g", in, out, -3);
        layer.initialize(rng);
        // spread ρ so σ is large enough that the noise path matters in the check
        for (GaussianTensor t : layer.tensors()) {
            rng.fillUniform(t.rho().value().data, 0, t.size(), -2f, 0f);
        }
        return layer;
    }

    static FMatrixRMaj input(int rows, int cols, Rng rng) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        return x;
    }

    static double readout(FMatrixRMaj out, float[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * out.data[i];
        }
        return s;
    }

    /** Gradient check with the noise fixed: every evaluation reseeds the layer's stream. */
    static GradientCheck.Result check(Layer layer, FMatrixRMaj x, Mode mode, Rng rng) {
        return check(layer, x, mode, rng, 1e-2);
    }

    /**
     * {@link #check(Layer, FMatrixRMaj, Mode, Rng)} with the denominator floor of the relative error given: the
     * float32 forward pass makes the central difference's absolute error grow with the number of outputs summed.
     */
    static GradientCheck.Result check(Layer layer, FMatrixRMaj x, Mode mode, Rng rng, double floor) {
        FMatrixRMaj out = layer.forward(x, mode, new Rng(NOISE_SEED));
        float[] r = new float[out.getNumElements()];
        rng.fillUniform(r, 0, r.length, -1f, 1f);
        for (Param p : layer.params()) {
            p.zeroGrad();
        }
        FMatrixRMaj dx = layer.backward(new FMatrixRMaj(out.numRows, out.numCols, true, r), true).copy();
        List<GradientCheck.Target> targets = new ArrayList<>();
        targets.add(new GradientCheck.Target("input", x.data, dx.data));
        for (Param p : layer.params()) {
            targets.add(GradientCheck.of(p));
        }
        return GradientCheck.check(targets, () -> readout(layer.forward(x, mode, new Rng(NOISE_SEED)), r),
                1e-2, 40, floor, rng);
    }

    /** TRAIN is each estimator's own path; SAMPLE is the weight-draw path all share (also differentiable). */
    @ParameterizedTest
    @CsvSource({"sampled_weights, TRAIN", "local_reparam, TRAIN", "flipout, TRAIN", "local_reparam, SAMPLE",
            "flipout, SAMPLE", "sampled_weights, MEAN"})
    void gradientsWrtMuRhoAndInputMatchFiniteDifferences(GradientEstimator estimator, Mode mode) {
        Rng rng = new Rng(11);
        GaussianAffineLayer layer = layer(estimator, 6, 5, rng);
        GradientCheck.Result result = check(layer, input(7, 6, rng), mode, rng);
        assertTrue(result.maxRelativeError() < TOL, result.toString());
        assertEquals(40 + 30 + 30 + 5 + 5, result.checked(), result.toString());
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void aWrongRhoGradientIsCaught(GradientEstimator estimator) {
        Rng rng = new Rng(12);
        GaussianAffineLayer layer = layer(estimator, 3, 2, rng);
        FMatrixRMaj x = input(4, 3, rng);
        float[] r = {1f, -1f, 0.5f, 2f, -0.3f, 0.7f, 1.5f, -2f};
        for (Param p : layer.params()) {
            p.zeroGrad();
        }
        layer.forward(x, Mode.TRAIN, new Rng(NOISE_SEED));
        layer.backward(new FMatrixRMaj(4, 2, true, r), false);
        float[] g = layer.weight().rho().grad().data;
        for (int j = 0; j < g.length; j++) {
            g[j] *= 1.1f; // e.g. forgetting a factor near 1, such as sigmoid(ρ) for large ρ
        }
        GradientCheck.Result result = GradientCheck.check(List.of(GradientCheck.of(layer.weight().rho())),
                () -> readout(layer.forward(x, Mode.TRAIN, new Rng(NOISE_SEED)), r), 1e-2, 10, 1e-2, rng);
        assertTrue(result.maxRelativeError() > 0.05, result.toString());
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void meanModeIsTheAffineMapOfMu(GradientEstimator estimator) {
        Rng rng = new Rng(13);
        GaussianAffineLayer layer = layer(estimator, 4, 3, rng);
        FMatrixRMaj x = input(5, 4, rng);
        FMatrixRMaj expected = new FMatrixRMaj(5, 3);
        Affine.forward(x, layer.weight().mu().value(), layer.bias().mu().value(), expected);
        assertArrayEquals(expected.data, layer.forward(x, Mode.MEAN, new Rng(1)).data, 0f);
        assertArrayEquals(expected.data, layer.forward(x, Mode.MEAN, new Rng(2)).data, 0f);
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void sampleModeIsSeededAndVaries(GradientEstimator estimator) {
        Rng rng = new Rng(14);
        GaussianAffineLayer layer = layer(estimator, 4, 3, rng);
        FMatrixRMaj x = input(5, 4, rng);
        Rng noise = new Rng(5);
        float[] a = layer.forward(x, Mode.SAMPLE, noise).data.clone();
        float[] b = layer.forward(x, Mode.SAMPLE, noise).data.clone();
        float[] again = layer.forward(x, Mode.SAMPLE, new Rng(5)).data.clone();
        assertFalse(Arrays.equals(a, b), "two draws from one stream must differ");
        assertArrayEquals(a, again, 0f);
    }

    @ParameterizedTest
    @CsvSource({"sampled_weights, TRAIN", "local_reparam, TRAIN", "flipout, TRAIN", "sampled_weights, SAMPLE",
            "local_reparam, SAMPLE", "flipout, SAMPLE"})
    void sampleMomentsMatchTheGaussianPreActivation(GradientEstimator estimator, Mode mode) {
        // every stochastic path has the same marginal per example: N(x·μ_W + μ_b, x²·σ_W² + σ_b²)
        Rng rng = new Rng(15);
        GaussianAffineLayer layer = layer(estimator, 3, 2, rng);
        FMatrixRMaj x = input(1, 3, rng);
        int draws = 20000;
        double[] sum = new double[2];
        double[] sumSq = new double[2];
        Rng noise = new Rng(6);
        for (int d = 0; d < draws; d++) {
            FMatrixRMaj y = layer.forward(x, mode, noise);
            for (int k = 0; k < 2; k++) {
                sum[k] += y.data[k];
                sumSq[k] += (double) y.data[k] * y.data[k];
            }
        }
        for (int k = 0; k < 2; k++) {
            double mean = layer.bias().mu().value().data[k];
            double var = Math.pow(layer.bias().sigmaAt(k), 2);
            for (int j = 0; j < 3; j++) {
                int idx = j * 2 + k;
                mean += x.data[j] * layer.weight().mu().value().data[idx];
                var += x.data[j] * x.data[j] * Math.pow(layer.weight().sigmaAt(idx), 2);
            }
            double m = sum[k] / draws;
            double v = sumSq[k] / draws - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(var / draws), "mean of output " + k);
            assertEquals(var, v, 4 * var * Math.sqrt(2.0 / draws), "variance of output " + k);
        }
    }

    @ParameterizedTest
    @CsvSource({"local_reparam", "flipout"})
    void perExampleEstimatorsPerturbEachRowInTrainingButDrawWholeNetworksInSampleMode(GradientEstimator estimator) {
        Rng rng = new Rng(17);
        GaussianAffineLayer layer = layer(estimator, 3, 2, rng);
        FMatrixRMaj x = new FMatrixRMaj(2, 3);
        rng.fillUniform(x.data, 0, 3, -1, 1);
        System.arraycopy(x.data, 0, x.data, 3, 3); // two identical rows
        float[] train = layer.forward(x, Mode.TRAIN, new Rng(3)).data.clone();
        float[] sample = layer.forward(x, Mode.SAMPLE, new Rng(3)).data.clone();
        assertFalse(train[0] == train[2] && train[1] == train[3], "per-example noise in TRAIN");
        assertEquals(sample[0], sample[2], 0f);
        assertEquals(sample[1], sample[3], 0f);
    }

    @Test
    void flipoutIsTheMeanPathPlusTheSignFlippedSharedPerturbation() {
        // y_n = x_n·μ_W + b + ((x_n∘s_n)·ΔW)∘r_n with ΔW, b from the draws of the same stream, in the order ε_W, ε_b, S, R
        Rng rng = new Rng(18);
        GaussianAffineLayer layer = layer(GradientEstimator.flipout, 4, 3, rng);
        FMatrixRMaj x = input(5, 4, rng);
        float[] y = layer.forward(x, Mode.TRAIN, new Rng(9)).data.clone();
        Rng same = new Rng(9);
        GaussianTensor w = layer.weight();
        float[] delta = w.drawPerturbation(same).data.clone();
        float[] b = layer.bias().draw(same).data.clone();
        float[] s = new float[5 * 4];
        float[] r = new float[5 * 3];
        same.fillSigns(s, 0, s.length);
        same.fillSigns(r, 0, r.length);
        float[] mu = w.mu().value().data;
        for (int n = 0; n < 5; n++) {
            for (int k = 0; k < 3; k++) {
                double mean = b[k];
                double flipped = 0;
                for (int j = 0; j < 4; j++) {
                    mean += (double) x.data[n * 4 + j] * mu[j * 3 + k];
                    flipped += (double) x.data[n * 4 + j] * s[n * 4 + j] * delta[j * 3 + k];
                }
                assertEquals(mean + flipped * r[n * 3 + k], y[n * 3 + k], 1e-5, "row " + n + ", output " + k);
            }
        }
        // the kept ε are those of the shared weight draw W = μ + ΔW (what a Monte Carlo KL reads)
        for (int j = 0; j < w.size(); j++) {
            assertEquals(delta[j], (float) (w.sigmaAt(j) * w.lastEps()[j]), 1e-6f, "Δw_" + j);
        }
    }

    /** Same seed, same numbers at 1 and 2 GEMM threads (256 wide, so the products are split), forward and backward. */
    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void trainingPassIsTheSameAtOneAndTwoGemmThreads(GradientEstimator estimator) {
        List<float[][]> runs = GemmThreads.eachOf(new int[]{1, 2}, t -> {
            Rng rng = new Rng(19);
            GaussianAffineLayer layer = layer(estimator, 256, 256, rng);
            FMatrixRMaj x = input(64, 256, rng);
            float[] y = layer.forward(x, Mode.TRAIN, new Rng(4)).data.clone();
            FMatrixRMaj g = input(64, 256, rng);
            float[] dx = layer.backward(g, true).data.clone();
            return new float[][]{y, dx, layer.weight().mu().grad().data.clone(), layer.weight().rho().grad().data.clone(),
                    layer.bias().rho().grad().data.clone()};
        });
        for (int i = 0; i < runs.get(0).length; i++) {
            assertArrayEquals(runs.get(0)[i], runs.get(1)[i], 0f, "array " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void removedWeightsContributeNothingInEveryMode(GradientEstimator estimator) {
        Rng rng = new Rng(16);
        GaussianAffineLayer layer = layer(estimator, 3, 2, rng);
        for (int j = 0; j < layer.weight().size(); j++) {
            layer.weight().remove(j);
        }
        FMatrixRMaj x = input(4, 3, rng);
        FMatrixRMaj x2 = x.copy();
        for (int i = 0; i < x2.data.length; i++) {
            x2.data[i] *= 3;
        }
        for (Mode mode : Mode.values()) {
            float[] a = layer.forward(x, mode, new Rng(8)).data.clone();
            float[] b = layer.forward(x2, mode, new Rng(8)).data.clone();
            assertArrayEquals(a, b, 0f, mode.name());
        }
        assertEquals(6, layer.weight().removedCount());
        assertEquals(0.0, layer.weight().sigmaAt(0));
        assertEquals(0, layer.bias().removedCount());
    }

    @Test
    void networkOfGaussianLayersHasFourParamsPerAffineLayer() {
        Network net = GaussianLayers.mlp(new MlpShape(4, new int[]{3}, 2, "relu"), GradientEstimator.sampled_weights, -3)
                .initialize(new Rng(1));
        assertEquals(2, GaussianLayers.of(net).size());
        assertEquals(8, net.params().size());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, GaussianLayers.randomVariableCount(GaussianLayers.of(net)));
        assertEquals(2 * GaussianLayers.randomVariableCount(GaussianLayers.of(net)), net.parameterCount());
        assertEquals(Math.log1p(Math.exp(-3)), GaussianLayers.meanSigma(GaussianLayers.of(net)), 1e-6);
        assertEquals("layer1.weight.rho", net.params().get(5).name());
    }
}
