package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv2d against a direct convolution in double and its gradients against finite differences. */
class ConvLayerTest {

    static FMatrixRMaj randomImages(int batch, int size, Rng rng) {
        FMatrixRMaj x = new FMatrixRMaj(batch, size);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        return x;
    }

    /** The definition: out[b, o, y, x] = bias[o] + Σ_{c,i,j} W[c·kh·kw + i·kw + j, o] · xpad[b, c, y·s + i, x·s + j]. */
    static double[] direct(ConvGeometry g, FMatrixRMaj x, float[] w, float[] bias) {
        int batch = x.numRows;
        int oh = g.outHeight();
        int ow = g.outWidth();
        double[] out = new double[batch * g.outputSize()];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        double s = bias[o];
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int i = 0; i < g.kernelH(); i++) {
                                for (int j = 0; j < g.kernelW(); j++) {
                                    int iy = y * g.stride() + i - g.padding();
                                    int ix = xo * g.stride() + j - g.padding();
                                    if (iy < 0 || iy >= g.inHeight() || ix < 0 || ix >= g.inWidth()) {
                                        continue;
                                    }
                                    double v = x.data[b * g.inputSize() + (c * g.inHeight() + iy) * g.inWidth() + ix];
                                    s += v * w[((c * g.kernelH() + i) * g.kernelW() + j) * g.outChannels() + o];
                                }
                            }
                        }
                        out[b * g.outputSize() + (o * oh + y) * ow + xo] = s;
                    }
                }
            }
        }
        return out;
    }

    static final ConvGeometry[] GEOMETRIES = {
            new ConvGeometry(2, 5, 6, 3, 3, 3, 1, 0),
            new ConvGeometry(2, 7, 6, 3, 3, 2, 2, 1),
            new ConvGeometry(1, 6, 6, 2, 5, 5, 1, 2),
            new ConvGeometry(3, 4, 5, 2, 1, 1, 1, 0),
            new ConvGeometry(2, 10, 8, 4, 2, 3, 3, 2),
    };

    @Test
    void forwardMatchesADirectConvolutionInDouble() {
        Rng rng = new Rng(11);
        for (ConvGeometry g : GEOMETRIES) {
            Conv2d conv = new Conv2d("c", g);
            conv.initialize(rng);
            rng.fillUniform(conv.bias().value().data, 0, g.outChannels(), -1, 1);
            FMatrixRMaj x = randomImages(3, g.inputSize(), rng);
            FMatrixRMaj out = conv.forward(x, Mode.TRAIN, rng);
            assertEquals(3, out.numRows);
            assertEquals(g.outputSize(), out.numCols);
            double[] expected = direct(g, x, conv.weight().value().data, conv.bias().value().data);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], out.data[i], 1e-5 * (1 + Math.abs(expected[i])), g + " output " + i);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesWithStridePaddingAndNonSquareKernels() {
        Rng rng = new Rng(12);
        for (ConvGeometry g : GEOMETRIES) {
            Conv2d conv = new Conv2d("c", g);
            conv.initialize(rng);
            FMatrixRMaj x = randomImages(2, g.inputSize(), rng);
            GradientCheck.Result result = LayerGradientTest.checkLayer(conv, x, rng);
            assertTrue(result.maxRelativeError() < LayerGradientTest.TOL, g + ": " + result);
            assertTrue(result.checked() >= Math.min(60, x.data.length) + g.patchSize() * g.outChannels() / 2, g + ": " + result);
        }
    }

    @Test
    void paddingContributesZerosAndTheTapOrderIsChannelRowColumn() {
        // the kernel's tap (0, 0) only ever sees padding with padding 2, kernel 3 and stride 3 at position (0, 0)
        ConvGeometry g = new ConvGeometry(1, 5, 5, 1, 3, 3, 3, 2);
        Conv2d conv = new Conv2d("c", g);
        float[] w = conv.weight().value().data;
        for (int i = 0; i < w.length; i++) {
            w[i] = i + 1;
        }
        FMatrixRMaj x = new FMatrixRMaj(1, 25);
        for (int i = 0; i < 25; i++) {
            x.data[i] = 100 + i;
        }
        FMatrixRMaj out = conv.forward(x, Mode.TRAIN, new Rng(0));
        assertEquals(3, g.outHeight());
        // position (0, 0): padded rows/cols 0..2 hold image pixel (0, 0) only at tap (2, 2), weight 9
        assertEquals(9 * 100f, out.data[0]);
        // position (0, 1) starts at image column 3 − 2 = 1: image columns 1..3 at taps j = 0..2, image row 0 at tap i = 2
        assertEquals(7 * 101f + 8 * 102f + 9 * 103f, out.data[1]);
        double[] expected = direct(g, x, w, conv.bias().value().data);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.data[i], 1e-3);
        }
    }

    @Test
    void theInputWidthIsChecked() {
        Conv2d conv = new Conv2d("c", new ConvGeometry(2, 5, 6, 3, 3, 3, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.outputSize(59));
        assertEquals("c.weight expects 2×5×6 = 60 inputs, got 59", e.getMessage());
        assertEquals(3 * 3 * 4, conv.outputSize(60));
    }

    @Test
    void aColumnMatrixTooLargeForOneArrayIsRefusedBeforeAnythingIsAllocated() {
        Conv2d conv = new Conv2d("c", new ConvGeometry(200, 400, 400, 1, 11, 11, 1, 5));
        FMatrixRMaj x = new FMatrixRMaj(1, 1);
        x.numCols = 200 * 400 * 400; // only the sizes are read before the refusal
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(x, Mode.TRAIN, new Rng(0)));
        assertEquals("c.weight: the column matrix of one image (3872000000 floats) is too large for one array", e.getMessage());
    }

    /** LeNet-5's first convolution takes 13 images per block: 30 images are three blocks (13, 13, 4). */
    static final ConvGeometry BLOCKED = new ConvGeometry(1, 28, 28, 2, 5, 5, 1, 2);

    @Test
    void aBatchOfSeveralBlocksMatchesTheDirectConvolutionAndItsGradients() {
        assertEquals(13, PatchConvolution.imagesPerBlock(BLOCKED, 30));
        assertEquals(4, PatchConvolution.imagesPerBlock(BLOCKED, 4));
        Rng rng = new Rng(14);
        Conv2d conv = new Conv2d("c", BLOCKED);
        conv.initialize(rng);
        rng.fillUniform(conv.bias().value().data, 0, BLOCKED.outChannels(), -1, 1);
        FMatrixRMaj x = randomImages(30, BLOCKED.inputSize(), rng);
        FMatrixRMaj out = conv.forward(x, Mode.TRAIN, rng);
        double[] expected = direct(BLOCKED, x, conv.weight().value().data, conv.bias().value().data);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.data[i], 1e-5 * (1 + Math.abs(expected[i])), "output " + i);
        }
        GradientCheck.Result result = LayerGradientTest.checkLayer(conv, x, rng);
        assertTrue(result.maxRelativeError() < LayerGradientTest.TOL, result.toString());
    }

    @Test
    void buffersAreReusedOnceTheBatchSizeIsStable() {
        Rng rng = new Rng(13);
        ConvGeometry g = GEOMETRIES[1];
        Conv2d conv = new Conv2d("c", g);
        conv.initialize(rng);
        FMatrixRMaj x = randomImages(4, g.inputSize(), rng);
        FMatrixRMaj out = conv.forward(x, Mode.TRAIN, rng);
        FMatrixRMaj dx = conv.backward(out.copy(), true);
        float[] outData = out.data;
        float[] dxData = dx.data;
        FMatrixRMaj out2 = conv.forward(randomImages(4, g.inputSize(), rng), Mode.TRAIN, rng);
        FMatrixRMaj dx2 = conv.backward(out2.copy(), true);
        assertSame(outData, out2.data);
        assertSame(dxData, dx2.data);
        assertTrue(conv.backward(out2.copy(), false) == null);
    }

    @Test
    void theKernelIsInitialisedLikeADenseLayerWithFanInCTimesKhTimesKw() {
        ConvGeometry g = new ConvGeometry(3, 8, 8, 4, 3, 2, 1, 0);
        Conv2d conv = new Conv2d("c", g);
        DenseLayer dense = new DenseLayer("c", 18, 4);
        conv.initialize(new Rng(5));
        dense.initialize(new Rng(5));
        assertArrayEquals(dense.weight().value().data, conv.weight().value().data);
        assertArrayEquals(dense.bias().value().data, conv.bias().value().data);
        float bound = (float) (1 / Math.sqrt(18));
        for (float v : conv.weight().value().data) {
            assertTrue(Math.abs(v) <= bound);
        }
    }
}
