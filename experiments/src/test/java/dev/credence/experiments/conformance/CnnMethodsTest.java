package dev.credence.experiments.conformance;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.TinyImages;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every method on a tiny CNN (1×8×8 images, conv 4@3×3 padding 1 – maxpool 2 – dense 16): the ones that build
 * networks and every composed method on a map CNN fit and predict; the MLP-only ones refuse it with one line.
 */
class CnnMethodsTest {
    private static final List<Map<String, Object>> CNN = List.of(Map.of("conv", 4, "kernel", 3, "padding", 1),
            Map.of("maxpool", 2), Map.of("dense", 16));
    private static final DenseData TRAIN = TinyImages.make(240, 8, 4, 1);
    private static final DenseData VALIDATION = TinyImages.make(80, 8, 4, 2);
    private static final DenseData TEST = TinyImages.make(40, 8, 4, 3);
    /** 60 : 60 : 20 : 10 rows of the four classes: imbalanced, so logit adjustment has priors to remove. */
    private static final DenseData SKEWED = TRAIN.select(java.util.stream.IntStream.range(0, 240)
            .filter(i -> i % 4 < 2 || (i % 4 == 2 && i < 80) || (i % 4 == 3 && i < 40)).toArray());

    private static UncertaintyTrainer mapCnn() {
        return TrainerBuilder.method("map").set("architecture", CNN).set("epochs", 3).set("batch_size", 32)
                .set("learning_rate", 0.01).seed(5).build();
    }

    private static void checkProbabilities(FitResult fit, String what) {
        PredictiveSamples s = fit.predictive().sample(TEST.x(), 2);
        for (float[] probs : s.probs()) {
            for (int i = 0; i < TEST.size(); i++) {
                double sum = 0;
                for (int c = 0; c < 4; c++) {
                    float p = probs[i * 4 + c];
                    assertTrue(p >= 0 && p <= 1, what + ": p = " + p);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-4, what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"map", "mc-dropout", "sgld"})
    void aNetworkMethodFitsTheCnnReproducibly(String method) {
        TrainerBuilder b = TrainerBuilder.method(method).set("architecture", CNN).set("epochs", 2).set("batch_size", 32);
        if (method.equals("sgld")) {
            b.set("burn_in_epochs", 1).set("samples", 4).set("step_sizes", List.of(1e-4));
        }
        FitResult first = b.seed(3).build().fit(TRAIN, null, TrainingListener.NONE);
        FitResult again = b.seed(3).build().fit(TRAIN, null, TrainingListener.NONE);
        checkProbabilities(first, method);
        assertArrayEquals(first.predictive().sample(TEST.x(), 2).probs()[0], again.predictive().sample(TEST.x(), 2).probs()[0],
                method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep-ensemble", "temperature-scaling", "laplace", "swag", "logit-adjustment"})
    void aComposedMethodWorksUnchangedOnAMapCnn(String method) {
        TrainerBuilder b = TrainerBuilder.method(method).base(mapCnn()).seed(9);
        if (method.equals("deep-ensemble")) {
            b.set("members", 2);
        }
        if (method.equals("swag")) {
            b.set("swag_epochs", 2).set("test_samples", 4);
        }
        FitResult fit = b.build().fit(SKEWED, VALIDATION, TrainingListener.NONE);
        checkProbabilities(fit, method);
        float[] base = mapCnn().fit(SKEWED, VALIDATION, TrainingListener.NONE).predictive().sample(TEST.x(), 1).probs()[0];
        switch (method) {
            case "deep-ensemble" -> {
                float[][] members = fit.predictive().sample(TEST.x(), 2).probs();
                assertArrayEquals(base, members[0], "member 0 is the base's first fit");
                assertFalse(java.util.Arrays.equals(members[0], members[1]), "the members differ");
            }
            case "temperature-scaling" -> {
                assertTrue(fit.extras().containsKey("temperature"), fit.extras().toString());
                assertTrue((Double) fit.extras().get("validation_nll_after")
                        <= (Double) fit.extras().get("validation_nll_before") + 1e-12, fit.extras().toString());
            }
            default -> assertFalse(java.util.Arrays.equals(base, fit.predictive().sample(TEST.x(), 1).probs()[0]),
                    method + " changes the base's predictive");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmc"})
    void anMlpOnlyMethodRefusesTheCnnWithOneLine(String method) {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> TrainerBuilder.method(method).set("architecture", CNN).build().fit(TRAIN, null, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("method '" + method + "': runs on an MLP only"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void lenet5IsRefusedOnEightByEightImagesNamingTheLayer() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> TrainerBuilder.method("map").set("architecture", "lenet5").build().fit(TRAIN, null, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("architecture layer 2 (conv 16@5×5"), e.getMessage());
    }
}
