package dev.credence.methods.map;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.LayerSpec;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.kernel.Sgemm;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.ThreadAllocation;
import dev.credence.core.testing.TinyData;
import dev.credence.core.testing.TinyImages;
import dev.credence.core.train.TrainingListener;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.accuracy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MAP on a convolutional architecture: it learns, is deterministic for a seed and any thread count, and a warm step allocates nothing. */
class MapCnnTest {
    /** conv 8@3×3 padding 1 – maxpool 2 – conv 16@3×3 padding 1 – maxpool 2 – dense 32 on 1×12×12 images. */
    static final List<Map<String, Object>> SMALL_CNN = List.of(Map.of("conv", 8, "kernel", 3, "padding", 1),
            Map.of("maxpool", 2), Map.of("conv", 16, "kernel", 3, "padding", 1), Map.of("maxpool", 2), Map.of("dense", 32));

    static float[] fitAndPredict(DenseData train, DenseData test, long seed, Object... more) {
        Map<String, Object> p = new java.util.HashMap<>(Map.of("architecture", SMALL_CNN, "epochs", 3, "batch_size", 128,
                "learning_rate", 0.01));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        FitResult fit = new MapProvider().create(p, seed).fit(train, null, TrainingListener.NONE);
        return fit.predictive().sample(test.x(), 1).probs()[0];
    }

    @Test
    void aSmallCnnLearnsTheBarsAndIsDeterministicForASeed() {
        DenseData train = TinyImages.make(600, 12, 4, 1);
        DenseData test = TinyImages.make(200, 12, 4, 2);
        float[] a = fitAndPredict(train, test, 3);
        assertArrayEquals(a, fitAndPredict(train, test, 3));
        assertFalse(Arrays.equals(a, fitAndPredict(train, test, 4)), "another seed, another fit");
        assertTrue(accuracy(a, test) > 0.9, "accuracy " + accuracy(a, test));
    }

    @Test
    void softplusCnnGivesTheSameNumbersAtOneAndTwoGemmThreads() {
        DenseData train = TinyImages.make(300, 12, 4, 5);
        DenseData test = TinyImages.make(100, 12, 4, 6);
        List<float[]> out = GemmThreads.eachOf(new int[]{1, 2}, t -> fitAndPredict(train, test, 7, "activation", "softplus"));
        assertArrayEquals(out.get(0), out.get(1));
    }

    @Test
    void aConvolutionalArchitectureOnRowsWithoutAnImageShapeIsRefusedBeforeTraining() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> fitAndPredict(TinyData.make(64, 144, 4, 1), TinyData.make(8, 144, 4, 2), 1));
        assertEquals("architecture layer 0 (conv 8@3×3 stride 1 padding 1) needs image rows (C×H×W), but the dataset's "
                + "144 features have no image shape", e.getMessage());
    }

    /**
     * Once compiled, a training step of a CNN allocates nothing on the calling thread: im2col and every layer reuse
     * their buffers (ConvShapeTest), and the narrow GEMM of a convolution's few output channels keeps its vectors in
     * registers. Steps are repeated until one allocates less than 64 KiB, at most 400 times (a boxed vector in the
     * GEMM loop costs megabytes per step, at any step count); no timing is involved.
     */
    @Test
    void aWarmCnnTrainingStepAllocatesNothing() {
        Network net = new ConvShape(1, 12, 12, List.of(new LayerSpec.Conv(8, 3, 3, 1, 1), new LayerSpec.MaxPool(2),
                new LayerSpec.Conv(12, 3, 3, 1, 1), new LayerSpec.MaxPool(2), new LayerSpec.Dense(32)), 4, "relu")
                .buildDense().initialize(new Rng(1));
        DenseData data = TinyImages.make(128, 12, 4, 1);
        FMatrixRMaj g = new FMatrixRMaj(128, 4);
        Rng rng = new Rng(3);
        int before = Sgemm.threads();
        Sgemm.setThreads(1);
        try {
            long last = Long.MAX_VALUE;
            for (int step = 0; step < 400 && last >= 64 * 1024; step++) {
                long bytes = ThreadAllocation.bytes();
                net.zeroGrad();
                SoftmaxCrossEntropy.meanLossAndGrad(net.forward(data.x(), Mode.TRAIN, rng), data.y(), g, 1.0);
                net.backward(g);
                last = bytes < 0 ? 0 : ThreadAllocation.bytes() - bytes;
            }
            assertTrue(last < 64 * 1024, "the last of 400 steps allocated " + last + " bytes");
        } finally {
            Sgemm.setThreads(before);
        }
    }
}
