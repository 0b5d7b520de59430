package dev.credence.core.engine;

import dev.credence.core.CredenceInputException;
import dev.credence.core.random.Rng;
import dev.credence.core.testing.GemmThreads;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convolutional network shape: its checks, LeNet-5, gradients through a whole network, thread independence. */
class ConvShapeTest {

    private static String refusal(int c, int h, int w, List<LayerSpec> layers) {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new ConvShape(c, h, w, layers, 10, "relu"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void mismatchesAreOneLineErrorsNamingTheLayer() {
        assertEquals("architecture layer 2 (conv 16@5×5 stride 1 padding 0): kernel 5×5 is larger than the padded input 3×3",
                refusal(1, 8, 8, List.of(new LayerSpec.Conv(6, 3), new LayerSpec.MaxPool(2, 2), new LayerSpec.Conv(16, 5))));
        assertEquals("architecture layer 1 (maxpool 2 stride 2): window 2 with stride 2 does not tile the input 27×27"
                        + " (input size − window must be a multiple of the stride)",
                refusal(1, 28, 28, List.of(new LayerSpec.Conv(6, 2), new LayerSpec.MaxPool(2))));
        assertEquals("architecture layer 0 (conv 4@3×2 stride 2 padding 0): stride 2 does not tile the padded input 8×8"
                        + " with kernel 3×2 (padded size − kernel must be a multiple of the stride)",
                refusal(1, 8, 8, List.of(new LayerSpec.Conv(4, 3, 2, 2, 0))));
        assertEquals("architecture layer 1 (avgpool 2 stride 2): only dense layers may follow a dense layer"
                        + " (its output is no longer an image)",
                refusal(1, 8, 8, List.of(new LayerSpec.Dense(16), new LayerSpec.AvgPool(2))));
        assertEquals("architecture layer 3 (dense 0): a dense layer needs ≥ 1 unit, got 0",
                refusal(3, 8, 8, List.of(new LayerSpec.Conv(4, 3, 3, 1, 1), new LayerSpec.AvgPool(2), new LayerSpec.Dense(5),
                        new LayerSpec.Dense(0))));
        assertEquals("architecture layer 0 (conv 0@3×3 stride 1 padding 0): a convolution needs ≥ 1 output channel, got 0",
                refusal(1, 8, 8, List.of(new LayerSpec.Conv(0, 3))));
        assertEquals("architecture layer 0 (conv 2@3×3 stride 1 padding -1): the padding must be ≥ 0, got -1",
                refusal(1, 8, 8, List.of(new LayerSpec.Conv(2, 3, 3, 1, -1))));
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new ConvShape(1, 8, 8, List.of(), 10, "sigmoid"));
        assertEquals("architecture: unknown activation 'sigmoid' (known: relu, tanh, softplus)", e.getMessage());
        e = assertThrows(CredenceInputException.class, () -> new ConvShape(0, 8, 8, List.of(), 10, "relu"));
        assertEquals("architecture: the input must be at least 1×1×1, got 0×8×8", e.getMessage());
    }

    @Test
    void lenet5HasTheClassicalLayersAnd61706Parameters() {
        Network net = ConvShape.lenet5(10, "relu").buildDense();
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
        assertEquals(156 + 2416 + 48120 + 10164 + 850, net.parameterCount());
        assertEquals(61706, net.parameterCount());
        List<Class<?>> kinds = new ArrayList<>();
        for (Layer layer : net.layers()) {
            kinds.add(layer.getClass());
        }
        assertEquals(List.of(Conv2d.class, Relu.class, MaxPool2d.class, Conv2d.class, Relu.class, MaxPool2d.class,
                DenseLayer.class, Relu.class, DenseLayer.class, Relu.class, DenseLayer.class), kinds);
        assertEquals(6 * 28 * 28, net.layers().get(0).outputSize(784));
        assertEquals(16 * 10 * 10, net.layers().get(3).outputSize(6 * 14 * 14));
        DenseLayer fc1 = (DenseLayer) net.layers().get(6);
        assertEquals(400, fc1.weight().value().numRows);
        assertEquals(Network.class, net.copy().getClass());
        assertEquals(61706, net.copy().parameterCount());
    }

    @Test
    void multiplyAddsCountEveryPositionOfAConvolutionAndEachWeightOfAnMlpOnce() {
        // 25·6·784 + 150·16·100 + 400·120 + 120·84 + 84·10 multiply-adds over 150 + 2400 + 48000 + 10080 + 840 weights
        ConvShape lenet = ConvShape.lenet5(10, "relu");
        assertEquals(416_520L, lenet.weightMatrices().stream().mapToLong(NetworkShape.WeightMatrix::multiplyAdds).sum());
        assertEquals(416_520.0 / 61_470, lenet.multiplyAddsPerWeight(), 1e-12);
        assertEquals(1.0, new MlpShape(784, new int[]{100, 50}, 10, "relu").multiplyAddsPerWeight(), 0.0);
    }

    @Test
    void lenet5RunsForwardAndBackwardOnRandomImages() {
        Rng rng = new Rng(31);
        Network net = ConvShape.lenet5(10, "relu").buildDense().initialize(rng);
        FMatrixRMaj x = ConvLayerTest.randomImages(16, 784, rng);
        int[] y = new int[16];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        net.zeroGrad();
        FMatrixRMaj logits = net.forward(x, Mode.TRAIN, rng);
        assertEquals(16, logits.numRows);
        assertEquals(10, logits.numCols);
        FMatrixRMaj g = new FMatrixRMaj(1, 1);
        double loss = SoftmaxCrossEntropy.meanLossAndGrad(logits, y, g, 1.0);
        assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        net.backward(g);
        for (Param p : net.params()) {
            double norm = 0;
            for (float v : p.grad().data) {
                assertTrue(Float.isFinite(v), p.name());
                norm += (double) v * v;
            }
            assertTrue(norm > 0, p.name() + " has a zero gradient");
        }
    }

    /**
     * A small network with stride, padding, a non-square kernel, overlapping average pooling and a dense layer on the
     * flattened image, with softplus and tanh, checked end to end through the loss. Max pooling is checked alone
     * (PoolingTest, on well-separated inputs): inside a network, near-ties in a window make the loss kinked at the
     * scale of the finite-difference step.
     */
    @Test
    void aSmallConvolutionalNetworkMatchesFiniteDifferences() {
        for (String activation : List.of("tanh", "softplus")) {
            Rng rng = new Rng(32);
            ConvShape shape = new ConvShape(2, 9, 8, List.of(new LayerSpec.Conv(3, 3, 2, 2, 1), new LayerSpec.AvgPool(3, 1),
                    new LayerSpec.Conv(4, 1), new LayerSpec.AvgPool(2, 1), new LayerSpec.Dense(6)), 3, activation);
            Network net = shape.buildDense().initialize(rng);
            FMatrixRMaj x = ConvLayerTest.randomImages(5, shape.inputSize(), rng);
            int[] y = {0, 1, 2, 1, 0};
            FMatrixRMaj g = new FMatrixRMaj(1, 1);
            net.zeroGrad();
            SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, rng), y, g, 1.0);
            net.backward(g);
            List<GradientCheck.Target> targets = net.params().stream().map(GradientCheck::of).toList();
            GradientCheck.Result result = GradientCheck.check(targets,
                    () -> SoftmaxCrossEntropy.meanLossAndGrad(net.forward(x, Mode.TRAIN, rng), y, null, 1.0), 1e-2, 30, 1e-2, rng);
            assertTrue(result.maxRelativeError() < LayerGradientTest.TOL, activation + ": " + result);
            assertTrue(result.checked() > 100, activation + ": " + result);
        }
    }

    @Test
    void theBuilderInsertsLayersAfterEachBlockAndNamesTheFactoriesByIndex() {
        List<Integer> convs = new ArrayList<>();
        List<Integer> affines = new ArrayList<>();
        Network net = ConvShape.lenet5(10, "tanh").build((i, geometry) -> {
            convs.add(i);
            return new Conv2d("c" + i, geometry);
        }, (i, in, out) -> {
            affines.add(i);
            return new DenseLayer("d" + i, in, out);
        }, i -> List.of(new Dropout(0.25)));
        assertEquals(List.of(0, 2), convs);
        assertEquals(List.of(4, 5, 6), affines);
        // a convolution's block is the convolution, its activation and the pooling after it: the extra layer ends it
        assertInstanceOf(Tanh.class, net.layers().get(1));
        assertInstanceOf(MaxPool2d.class, net.layers().get(2));
        assertInstanceOf(Dropout.class, net.layers().get(3));
        assertInstanceOf(Conv2d.class, net.layers().get(4));
        // a dense layer's extra layer follows its activation
        assertInstanceOf(DenseLayer.class, net.layers().get(8));
        assertInstanceOf(Tanh.class, net.layers().get(9));
        assertInstanceOf(Dropout.class, net.layers().get(10));
        assertEquals(4 * 3 + 2 + 1, net.layers().size());
        assertEquals(61706, net.parameterCount());
    }

    /**
     * Once the batch size is stable a training step reuses every buffer: each layer of LeNet-5 returns the same
     * output and input-gradient arrays on the second step as on the first. (Bytes allocated are not asserted: in a
     * short test JVM the Vector API GEMM may still box its vectors, which says nothing about the layers.)
     */
    @Test
    void lenet5StepsReuseEveryLayerBufferOnceShapesAreStable() {
        Rng rng = new Rng(35);
        Network net = ConvShape.lenet5(10, "relu").buildDense().initialize(rng);
        List<List<float[]>> steps = new ArrayList<>();
        for (int step = 0; step < 2; step++) {
            FMatrixRMaj h = ConvLayerTest.randomImages(8, 784, rng);
            List<float[]> arrays = new ArrayList<>();
            for (Layer layer : net.layers()) {
                h = layer.forward(h, Mode.TRAIN, rng);
                arrays.add(h.data);
            }
            FMatrixRMaj g = h.copy();
            for (int i = net.layers().size() - 1; i >= 0; i--) {
                g = net.layers().get(i).backward(g, true);
                arrays.add(g.data);
            }
            steps.add(arrays);
        }
        for (int i = 0; i < steps.get(0).size(); i++) {
            assertSame(steps.get(0).get(i), steps.get(1).get(i), "array " + i);
        }
    }

    @Test
    void lenet5StepIsBitIdenticalAtOneAndTwoGemmThreads() {
        Rng data = new Rng(33);
        FMatrixRMaj x = ConvLayerTest.randomImages(64, 784, data);
        int[] y = new int[64];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.nextInt(10);
        }
        List<List<float[]>> runs = GemmThreads.eachOf(new int[]{1, 2}, t -> {
            Rng rng = new Rng(34);
            Network net = ConvShape.lenet5(10, "relu").buildDense().initialize(rng);
            net.zeroGrad();
            FMatrixRMaj logits = net.forward(x, Mode.TRAIN, rng);
            List<float[]> out = new ArrayList<>();
            out.add(logits.data.clone());
            FMatrixRMaj g = new FMatrixRMaj(1, 1);
            SoftmaxCrossEntropy.meanLossAndGrad(logits, y, g, 1.0);
            net.backward(g);
            for (Param p : net.params()) {
                out.add(p.grad().data.clone());
            }
            return out;
        });
        assertEquals(runs.get(0).size(), runs.get(1).size());
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertArrayEquals(runs.get(0).get(i), runs.get(1).get(i), "array " + i);
        }
    }
}
