package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Max and average pooling: values on a worked example, gradients against finite differences (with stride). */
class PoolingTest {

    /** Distinct values 0.05 apart in random order, so no ±h step of the check changes a window's maximum. */
    static FMatrixRMaj separated(int batch, int size, Rng rng) {
        int[] order = rng.permutation(batch * size);
        FMatrixRMaj x = new FMatrixRMaj(batch, size);
        for (int i = 0; i < order.length; i++) {
            x.data[i] = -1 + 0.05f * order[i];
        }
        return x;
    }

    @Test
    void maxAndAveragePoolAWorkedExample() {
        PoolGeometry g = new PoolGeometry(1, 4, 4, 2, 2);
        FMatrixRMaj x = new FMatrixRMaj(1, 16, true,
                1, 2, 5, 0,
                3, 4, 6, 7,
                -1, -2, 8, 8,
                -3, -4, 9, 1);
        Rng rng = new Rng(0);
        MaxPool2d max = new MaxPool2d(g);
        assertArrayEquals(new float[]{4, 7, -1, 9}, max.forward(x, Mode.TRAIN, rng).data);
        float[] dx = max.backward(new FMatrixRMaj(1, 4, true, 10, 20, 30, 40), true).data;
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 10, 0, 20, 30, 0, 0, 0, 0, 0, 40, 0}, dx);
        AvgPool2d avg = new AvgPool2d(g);
        assertArrayEquals(new float[]{2.5f, 4.5f, -2.5f, 6.5f}, avg.forward(x, Mode.TRAIN, rng).data);
        float[] da = avg.backward(new FMatrixRMaj(1, 4, true, 4, 8, 12, 16), true).data;
        assertArrayEquals(new float[]{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, da);
    }

    @Test
    void aNanInAWindowIsItsMaximum() {
        MaxPool2d max = new MaxPool2d(new PoolGeometry(1, 2, 2, 2, 2));
        FMatrixRMaj x = new FMatrixRMaj(1, 4, true, 1, Float.NaN, 3, 2);
        assertTrue(Float.isNaN(max.forward(x, Mode.TRAIN, new Rng(0)).data[0]));
    }

    static final PoolGeometry[] GEOMETRIES = {
            new PoolGeometry(2, 4, 6, 2, 2),
            new PoolGeometry(3, 7, 5, 3, 2),
            new PoolGeometry(1, 5, 5, 2, 1),
            new PoolGeometry(2, 6, 6, 3, 3),
    };

    @Test
    void maxPoolGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(21);
        for (PoolGeometry g : GEOMETRIES) {
            FMatrixRMaj x = separated(2, g.inputSize(), rng);
            GradientCheck.Result result = LayerGradientTest.checkLayer(new MaxPool2d(g), x, rng);
            assertTrue(result.maxRelativeError() < LayerGradientTest.TOL, g + ": " + result);
        }
    }

    @Test
    void avgPoolGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(22);
        for (PoolGeometry g : GEOMETRIES) {
            FMatrixRMaj x = ConvLayerTest.randomImages(2, g.inputSize(), rng);
            GradientCheck.Result result = LayerGradientTest.checkLayer(new AvgPool2d(g), x, rng);
            assertTrue(result.maxRelativeError() < LayerGradientTest.TOL, g + ": " + result);
        }
    }

    @Test
    void geometriesThatDoNotTileAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoolGeometry(1, 5, 5, 2, 2));
        assertEquals("window 2 with stride 2 does not tile the input 5×5 (input size − window must be a multiple of the stride)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PoolGeometry(1, 2, 4, 3, 1));
        assertEquals("window 3×3 is larger than the input 2×4", e.getMessage());
        assertEquals(3 * 2 * 2, new PoolGeometry(3, 5, 5, 3, 2).outputSize());
    }
}
