package dev.credence.core.bayes;

import dev.credence.core.engine.Conv2d;
import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import dev.credence.core.testing.GemmThreads;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gaussian convolutions: gradients against finite differences for every estimator (stride, padding,
 * non-square kernels), each estimator's pass against its definition through point-estimate {@link Conv2d}s,
 * thread identity, and the KL and pruning of the kernels being the dense layer's.
 */
class GaussianConvTest {

    /** Stride 1 without padding; stride 2 with padding 1 and a 3×2 kernel; LeNet's 5×5 with padding 2; stride 3, 2×3. */
    static final ConvGeometry[] GEOMETRIES = {
            new ConvGeometry(2, 5, 6, 3, 3, 3, 1, 0),
            new ConvGeometry(2, 7, 6, 3, 3, 2, 2, 1),
            new ConvGeometry(1, 6, 6, 2, 5, 5, 1, 2),
            new ConvGeometry(2, 10, 8, 4, 2, 3, 3, 2),
    };

    /**
     * Denominator floor of the relative error: a kernel entry's gradient sums over every position of every image,
     * so the float32 forward's rounding puts an absolute error of up to ~2e-5 on the central differences (measured:
     * 1.5e-5 at gradients of 0.007); a floor of 0.05 keeps that below the tolerance while a 10 % error in a
     * gradient of the floor's size is still caught.
     */
    static final double FLOOR = 0.05;

    static GaussianConv2d conv(GradientEstimator estimator, ConvGeometry g, Rng rng) {
        GaussianConv2d conv = GaussianConv2d.create(estimator, "c", g, -3);
        conv.initialize(rng);
        // spread ρ and the biases so the noise paths and the bias matter in the checks
        for (GaussianTensor t : conv.tensors()) {
            rng.fillUniform(t.rho().value().data, 0, t.size(), -2f, 0f);
        }
        rng.fillUniform(conv.bias().mu().value().data, 0, g.outChannels(), -0.5f, 0.5f);
        return conv;
    }

    /** A point-estimate convolution with the given kernel matrix and bias. */
    static Conv2d pointConv(ConvGeometry g, float[] weight, float[] bias) {
        Conv2d c = new Conv2d("p", g);
        System.arraycopy(weight, 0, c.weight().value().data, 0, weight.length);
        System.arraycopy(bias, 0, c.bias().value().data, 0, bias.length);
        return c;
    }

    static float[] forward(Conv2d c, FMatrixRMaj x) {
        return c.forward(x, Mode.MEAN, new Rng(0)).data.clone();
    }

    @ParameterizedTest
    @CsvSource({"sampled_weights, TRAIN", "local_reparam, TRAIN", "flipout, TRAIN", "local_reparam, SAMPLE",
            "flipout, SAMPLE", "sampled_weights, MEAN"})
    void gradientsWrtInputMuRhoAndBiasMatchFiniteDifferencesWithStridePaddingAndNonSquareKernels(
            GradientEstimator estimator, Mode mode) {
        Rng rng = new Rng(21);
        for (ConvGeometry g : GEOMETRIES) {
            GaussianConv2d conv = conv(estimator, g, rng);
            FMatrixRMaj x = GaussianLayerTest.input(2, g.inputSize(), rng);
            GradientCheck.Result result = GaussianLayerTest.check(conv, x, mode, rng, FLOOR);
            assertTrue(result.maxRelativeError() < GaussianLayerTest.TOL, g + ": " + result);
            int k = g.patchSize() * g.outChannels();
            int expected = 40 + 2 * Math.min(40, k) + 2 * g.outChannels();
            assertEquals(expected, result.checked(), g + ": " + result);
        }
    }

    /**
     * 30 images of a 28×28 convolution are three blocks of columns (13, 13, 4): the per-image draws and kept noise
     * line up with their blocks. A kernel entry's gradient here sums 30·784 positions, so the float32 central
     * differences are off by up to 0.6 % (measured, every estimator alike); a block read at the wrong offset is off
     * by far more than the 2 % allowed.
     */
    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void gradientsMatchFiniteDifferencesOverSeveralBlocksOfImages(GradientEstimator estimator) {
        Rng rng = new Rng(32);
        ConvGeometry g = new ConvGeometry(1, 28, 28, 2, 5, 5, 1, 2);
        assertEquals(13, dev.credence.core.engine.PatchConvolution.imagesPerBlock(g, 30));
        GaussianConv2d conv = conv(estimator, g, rng);
        FMatrixRMaj x = GaussianLayerTest.input(30, g.inputSize(), rng);
        GradientCheck.Result result = GaussianLayerTest.check(conv, x, Mode.TRAIN, rng, FLOOR);
        assertTrue(result.maxRelativeError() < 0.02, result.toString());
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void aWrongKernelRhoGradientIsCaught(GradientEstimator estimator) {
        Rng rng = new Rng(22);
        ConvGeometry g = GEOMETRIES[1];
        GaussianConv2d conv = conv(estimator, g, rng);
        FMatrixRMaj x = GaussianLayerTest.input(2, g.inputSize(), rng);
        FMatrixRMaj out = conv.forward(x, Mode.TRAIN, new Rng(GaussianLayerTest.NOISE_SEED));
        float[] r = new float[out.getNumElements()];
        rng.fillUniform(r, 0, r.length, -1f, 1f);
        conv.params().forEach(Param::zeroGrad);
        conv.backward(new FMatrixRMaj(out.numRows, out.numCols, true, r), false);
        float[] grad = conv.weight().rho().grad().data;
        for (int j = 0; j < grad.length; j++) {
            grad[j] *= 1.1f;
        }
        GradientCheck.Result result = GradientCheck.check(List.of(GradientCheck.of(conv.weight().rho())),
                () -> GaussianLayerTest.readout(conv.forward(x, Mode.TRAIN, new Rng(GaussianLayerTest.NOISE_SEED)), r),
                1e-2, 10, 1e-2, rng);
        assertTrue(result.maxRelativeError() > 0.05, result.toString());
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void meanModeIsThePointConvolutionOfMu(GradientEstimator estimator) {
        Rng rng = new Rng(23);
        for (ConvGeometry g : GEOMETRIES) {
            GaussianConv2d conv = conv(estimator, g, rng);
            FMatrixRMaj x = GaussianLayerTest.input(3, g.inputSize(), rng);
            float[] expected = forward(pointConv(g, conv.weight().mu().value().data, conv.bias().mu().value().data), x);
            assertArrayEquals(expected, conv.forward(x, Mode.MEAN, new Rng(1)).data, 0f, g.toString());
        }
    }

    /** Sampled weights in training, and every estimator in SAMPLE mode: one kernel draw for all images and positions. */
    @ParameterizedTest
    @CsvSource({"sampled_weights, TRAIN", "sampled_weights, SAMPLE", "local_reparam, SAMPLE", "flipout, SAMPLE"})
    void aWeightDrawPassIsThePointConvolutionOfOneKernelDraw(GradientEstimator estimator, Mode mode) {
        Rng rng = new Rng(24);
        ConvGeometry g = GEOMETRIES[3];
        GaussianConv2d conv = conv(estimator, g, rng);
        FMatrixRMaj x = GaussianLayerTest.input(3, g.inputSize(), rng);
        float[] y = conv.forward(x, mode, new Rng(9)).data.clone();
        Rng same = new Rng(9); // the draws come in the order ε_W, ε_b
        float[] w = conv.weight().draw(same).data.clone();
        float[] b = conv.bias().draw(same).data.clone();
        assertArrayEquals(forward(pointConv(g, w, b), x), y, 0f);
        assertFalse(Arrays.equals(y, conv.forward(x, mode, new Rng(10)).data), "another stream, another kernel");
    }

    @Test
    void flipoutIsTheMeanConvolutionPlusTheSharedPerturbationFlippedPerImageAndChannel() {
        // y_n = conv(x_n, μ) + b + conv(x_n∘s_n, ΔW)∘r_n, s_n per input channel, r_n per output channel, both
        // broadcast over the image; the draws in the order ε_W, ε_b, s (B·C), r (B·C_out)
        Rng rng = new Rng(25);
        for (ConvGeometry g : GEOMETRIES) {
            GaussianConv2d conv = conv(GradientEstimator.flipout, g, rng);
            int batch = 3;
            FMatrixRMaj x = GaussianLayerTest.input(batch, g.inputSize(), rng);
            float[] y = conv.forward(x, Mode.TRAIN, new Rng(9)).data.clone();
            Rng same = new Rng(9);
            float[] delta = conv.weight().drawPerturbation(same).data.clone();
            float[] b = conv.bias().draw(same).data.clone();
            float[] s = new float[batch * g.inChannels()];
            float[] r = new float[batch * g.outChannels()];
            same.fillSigns(s, 0, s.length);
            same.fillSigns(r, 0, r.length);
            FMatrixRMaj flipped = x.copy();
            int plane = g.inHeight() * g.inWidth();
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < g.inputSize(); i++) {
                    flipped.data[n * g.inputSize() + i] *= s[n * g.inChannels() + i / plane];
                }
            }
            float[] mean = forward(pointConv(g, conv.weight().mu().value().data, b), x);
            float[] perturbation = forward(pointConv(g, delta, new float[g.outChannels()]), flipped);
            int positions = g.positions();
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < g.outputSize(); i++) {
                    int at = n * g.outputSize() + i;
                    float expected = mean[at] + perturbation[at] * r[n * g.outChannels() + i / positions];
                    assertEquals(expected, y[at], 1e-5f, g + " image " + n + ", output " + i);
                }
            }
        }
    }

    /**
     * Local reparameterization (Shridhar et al. 2019): each output is N(conv(x, μ) + μ_b, conv(x², σ²) + σ_b²),
     * sampled independently per position, so two positions with equal receptive fields get different noise.
     */
    @Test
    void localReparameterizationSamplesEveryPositionFromTheGaussianOfItsPreActivation() {
        Rng rng = new Rng(26);
        ConvGeometry g = new ConvGeometry(2, 3, 4, 2, 2, 3, 1, 1);
        GaussianConv2d conv = conv(GradientEstimator.local_reparam, g, rng);
        FMatrixRMaj x = GaussianLayerTest.input(1, g.inputSize(), rng);
        float[] mean = forward(pointConv(g, conv.weight().mu().value().data, conv.bias().mu().value().data), x);
        float[] w2 = conv.weight().variance().data.clone();
        float[] b2 = conv.bias().variance().data.clone();
        FMatrixRMaj xSquared = x.copy();
        for (int i = 0; i < xSquared.data.length; i++) {
            xSquared.data[i] *= xSquared.data[i];
        }
        float[] variance = forward(pointConv(g, w2, b2), xSquared);
        int n = g.outputSize();
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        double cross = 0; // outputs 0 and 1: neighbouring positions of channel 0
        int draws = 20000;
        Rng noise = new Rng(6);
        for (int d = 0; d < draws; d++) {
            float[] y = conv.forward(x, Mode.TRAIN, noise).data;
            for (int i = 0; i < n; i++) {
                sum[i] += y[i];
                sumSq[i] += (double) y[i] * y[i];
            }
            cross += ((double) y[0] - mean[0]) * ((double) y[1] - mean[1]);
        }
        for (int i = 0; i < n; i++) {
            double m = sum[i] / draws;
            double v = sumSq[i] / draws - m * m;
            assertEquals(mean[i], m, 4 * Math.sqrt(variance[i] / draws), "mean of output " + i);
            assertEquals(variance[i], v, 4 * variance[i] * Math.sqrt(2.0 / draws), "variance of output " + i);
        }
        double sd = Math.sqrt((double) variance[0] * variance[1]);
        assertEquals(0, cross / draws, 4 * sd / Math.sqrt(draws), "positions are sampled independently");
    }

    /**
     * Same seed, same numbers at 1 and 2 GEMM threads, on LeNet-5's second convolution (6→16, 5×5 on 14×14): 40
     * images are three blocks of columns (17, 17, 6), whose products are split over two threads.
     */
    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void trainingPassIsTheSameAtOneAndTwoGemmThreads(GradientEstimator estimator) {
        ConvGeometry g = new ConvGeometry(6, 14, 14, 16, 5, 5, 1, 0);
        List<float[][]> runs = GemmThreads.eachOf(new int[]{1, 2}, t -> {
            Rng rng = new Rng(27);
            GaussianConv2d conv = conv(estimator, g, rng);
            FMatrixRMaj x = GaussianLayerTest.input(40, g.inputSize(), rng);
            float[] y = conv.forward(x, Mode.TRAIN, new Rng(4)).data.clone();
            FMatrixRMaj grad = GaussianLayerTest.input(40, g.outputSize(), rng);
            float[] dx = conv.backward(grad, true).data.clone();
            List<float[]> all = new ArrayList<>(List.of(y, dx));
            conv.params().forEach(p -> all.add(p.grad().data.clone()));
            return all.toArray(new float[0][]);
        });
        assertEquals(6, runs.get(0).length);
        for (int i = 0; i < runs.get(0).length; i++) {
            assertArrayEquals(runs.get(0)[i], runs.get(1)[i], 0f, "array " + i);
        }
    }

    /** The kernels' KL is the dense layer's over the same μ and ρ, closed form and Monte Carlo (same ε), with its gradients. */
    @ParameterizedTest
    @CsvSource({"sampled_weights, gaussian", "flipout, gaussian", "local_reparam, gaussian", "sampled_weights, mixture",
            "flipout, mixture"})
    void theKlOfAConvolutionIsTheDenseKlOverTheSameParameters(GradientEstimator estimator, String priorName) {
        WeightPrior prior = priorName.equals("gaussian") ? new GaussianPrior(0.7) : new ScaleMixturePrior(0.5, 1.0, Math.exp(-6));
        ConvGeometry g = GEOMETRIES[1];
        GaussianConv2d conv = conv(estimator, g, new Rng(28));
        GaussianAffineLayer dense = GaussianAffineLayer.create(estimator, "d", g.patchSize(), g.outChannels(), -3);
        for (int t = 0; t < 2; t++) {
            GaussianTensor from = conv.tensors().get(t);
            GaussianTensor to = dense.tensors().get(t);
            System.arraycopy(from.mu().value().data, 0, to.mu().value().data, 0, from.size());
            System.arraycopy(from.rho().value().data, 0, to.rho().value().data, 0, from.size());
        }
        // one training pass each from the same stream: the kernel draw comes first, so both hold the same ε
        conv.forward(GaussianLayerTest.input(2, g.inputSize(), new Rng(1)), Mode.TRAIN, new Rng(5));
        dense.forward(GaussianLayerTest.input(3, g.patchSize(), new Rng(1)), Mode.TRAIN, new Rng(5));
        conv.params().forEach(Param::zeroGrad);
        dense.params().forEach(Param::zeroGrad);
        double convKl = KlDivergence.total(List.of(conv.affine()), prior, 0.3);
        double denseKl = KlDivergence.total(List.of(dense), prior, 0.3);
        assertEquals(denseKl, convKl, 0.0);
        assertTrue(convKl > 0, "a KL of an informative posterior is positive here: " + convKl);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(dense.params().get(i).grad().data, conv.params().get(i).grad().data, 0f, "gradient " + i);
        }
    }

    @Test
    void aBayesianLeNetListsItsConvolutionsWithTheDenseLayers() {
        Network net = GaussianLayers.cnn(ConvShape.lenet5(10, "relu"), GradientEstimator.flipout, -3).initialize(new Rng(1));
        List<GaussianAffineLayer> layers = GaussianLayers.of(net);
        assertEquals(5, layers.size());
        assertEquals(List.of(25, 150, 400, 120, 84), layers.stream().map(l -> l.weight().rows()).toList());
        assertEquals(61_706, GaussianLayers.randomVariableCount(layers));
        assertEquals(2 * 61_706, net.parameterCount());
        assertEquals("layer0.weight.mu", net.params().get(0).name());
        assertEquals("layer2.bias.rho", net.params().get(7).name());
        assertSame(((GaussianConv2d) net.layers().get(0)).affine(), layers.get(0));
        assertEquals(Math.log1p(Math.exp(-3)), GaussianLayers.meanSigma(layers), 1e-6);
        assertTrue(net.layers().get(0).randomIn(Mode.SAMPLE));
        assertFalse(net.layers().get(0).randomIn(Mode.MEAN));
        FMatrixRMaj x = GaussianLayerTest.input(3, 784, new Rng(2));
        assertEquals(30, net.forward(x, Mode.TRAIN, new Rng(3)).getNumElements());
    }

    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void removedKernelEntriesContributeNothingInEveryMode(GradientEstimator estimator) {
        Rng rng = new Rng(29);
        ConvGeometry g = GEOMETRIES[1];
        GaussianConv2d conv = conv(estimator, g, rng);
        for (int j = 0; j < conv.weight().size(); j++) {
            conv.weight().remove(j);
        }
        FMatrixRMaj x = GaussianLayerTest.input(2, g.inputSize(), rng);
        FMatrixRMaj x3 = x.copy();
        for (int i = 0; i < x3.data.length; i++) {
            x3.data[i] *= 3;
        }
        for (Mode mode : Mode.values()) {
            float[] a = conv.forward(x, mode, new Rng(8)).data.clone();
            float[] b = conv.forward(x3, mode, new Rng(8)).data.clone();
            assertArrayEquals(a, b, 0f, mode.name());
        }
    }

    /** A copy (as pruning and ensembles make them) samples as the original: the sign layout travels, its buffers not. */
    @ParameterizedTest
    @EnumSource(GradientEstimator.class)
    void aDeepCopyMakesTheSamePass(GradientEstimator estimator) {
        Rng rng = new Rng(31);
        ConvGeometry g = GEOMETRIES[1];
        GaussianConv2d conv = conv(estimator, g, rng);
        FMatrixRMaj x = GaussianLayerTest.input(3, g.inputSize(), rng);
        float[] a = conv.forward(x, Mode.TRAIN, new Rng(4)).data.clone();
        GaussianConv2d copy = dev.credence.core.DeepCopy.of(conv);
        assertArrayEquals(a, copy.forward(x, Mode.TRAIN, new Rng(4)).data, 0f);
        FMatrixRMaj grad = GaussianLayerTest.input(3, g.outputSize(), rng);
        assertArrayEquals(conv.backward(grad, true).data, copy.backward(grad, true).data, 0f);
    }

    @Test
    void buffersAreReusedOnceTheBatchSizeIsStable() {
        for (GradientEstimator estimator : GradientEstimator.values()) {
            Rng rng = new Rng(30);
            ConvGeometry g = GEOMETRIES[1];
            GaussianConv2d conv = conv(estimator, g, rng);
            FMatrixRMaj out = conv.forward(GaussianLayerTest.input(4, g.inputSize(), rng), Mode.TRAIN, rng);
            float[] outData = out.data;
            float[] dxData = conv.backward(out.copy(), true).data;
            FMatrixRMaj out2 = conv.forward(GaussianLayerTest.input(4, g.inputSize(), rng), Mode.TRAIN, rng);
            assertSame(outData, out2.data, estimator.key());
            assertSame(dxData, conv.backward(out2.copy(), true).data, estimator.key());
        }
    }
}
