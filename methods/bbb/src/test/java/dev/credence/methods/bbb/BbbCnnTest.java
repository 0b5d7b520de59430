package dev.credence.methods.bbb;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.TinyImages;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.accuracy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bayes by Backprop on a convolutional architecture, with each estimator: it learns, deterministically for any thread count. */
class BbbCnnTest {
    /** conv 4@3×3 padding 1 – maxpool 2 – conv 8@3×3 padding 1 – maxpool 2 – dense 16 on 1×12×12 images. */
    static final List<Map<String, Object>> SMALL_CNN = List.of(Map.of("conv", 4, "kernel", 3, "padding", 1),
            Map.of("maxpool", 2), Map.of("conv", 8, "kernel", 3, "padding", 1), Map.of("maxpool", 2), Map.of("dense", 16));

    static FitResult fit(DenseData train, String estimator, long seed) {
        Map<String, Object> p = new HashMap<>(Map.of("architecture", SMALL_CNN, "epochs", 4, "batch_size", 64,
                "learning_rate", 0.01, "estimator", estimator, "test_samples", 4));
        return new BbbProvider().create(p, seed).fit(train, null, TrainingListener.NONE);
    }

    static double[] meanProbs(FitResult fit, DenseData test) {
        float[][] probs = fit.predictive().sample(test.x(), 4).probs();
        double[] mean = new double[probs[0].length];
        for (float[] s : probs) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += s[i] / (double) probs.length;
            }
        }
        return mean;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sampled_weights", "local_reparam", "flipout"})
    void aBayesianCnnLearnsTheBarsWithEachEstimatorAndIsTheSameAtOneAndTwoThreads(String estimator) {
        DenseData train = TinyImages.make(600, 12, 4, 1);
        DenseData test = TinyImages.make(200, 12, 4, 2);
        List<double[]> runs = GemmThreads.eachOf(new int[]{1, 2}, t -> meanProbs(fit(train, estimator, 3), test));
        assertArrayEquals(runs.get(0), runs.get(1), 0.0);
        assertTrue(accuracy(runs.get(0), test) > 0.9, estimator + ": accuracy " + accuracy(runs.get(0), test));
        FitResult fit = fit(train, estimator, 3);
        // μ and ρ of every kernel and weight: 2 × (4·9+4 + 8·36+8 + 72·16+16 + 16·4+4)
        assertEquals(2L * (40 + 296 + 1168 + 68), ((Number) fit.extras().get("parameter_count")).longValue());
        assertEquals(40L + 296 + 1168 + 68, ((Number) fit.extras().get("random_variables")).longValue());
    }
}
