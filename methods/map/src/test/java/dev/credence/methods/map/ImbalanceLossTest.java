package dev.credence.methods.map;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.LongTailGaussians;
import dev.credence.core.testing.TinyData;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code loss} option of a network method, on map: plain training under equal counts, and what it buys under imbalance. */
class ImbalanceLossTest {
    static final List<String> REMEDIES = List.of("inverse_frequency", "effective_number", "logit_adjusted");

    static float[] fitAndPredict(DenseData train, DenseData test, Map<String, Object> params, long seed) {
        FitResult fit = new MapProvider().create(params, seed).fit(train, null, TrainingListener.NONE);
        return fit.predictive().sample(test.x(), 1).probs()[0];
    }

    static Map<String, Object> params(String loss, Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("hidden", List.of(32), "epochs", 30, "batch_size", 64,
                "learning_rate", 0.01, "loss", loss));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"inverse_frequency", "effective_number", "logit_adjusted"})
    void everyRemedyIsPlainTrainingBitForBitUnderEqualClassCounts(String loss) {
        DenseData train = TinyData.make(240, 4, 3, 1); // 80 rows of each class
        DenseData test = TinyData.make(90, 4, 3, 2);
        float[] plain = fitAndPredict(train, test, params("cross_entropy"), 3);
        assertArrayEquals(plain, fitAndPredict(train, test, params(loss), 3), loss);
        // and the remedy does reach the objective: on imbalanced counts the same settings give other numbers
        DenseData skewed = train.select(java.util.stream.IntStream.range(0, 240).filter(i -> i % 3 != 2 || i < 30).toArray());
        assertFalse(java.util.Arrays.equals(fitAndPredict(skewed, test, params("cross_entropy"), 3),
                fitAndPredict(skewed, test, params(loss), 3)), loss + " changed nothing on imbalanced counts");
    }

    @Test
    void theFitRecordsTheResolvedWeightsOrOffsets() {
        DenseData train = LongTailGaussians.sample(new int[]{400, 40, 4}, 5);
        FitResult weighted = new MapProvider().create(params("inverse_frequency", "epochs", 1), 1).fit(train, null, TrainingListener.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Double> w = (Map<String, Double>) weighted.extras().get("class_weights");
        assertEquals(444.0, 400 * w.get("c0") + 40 * w.get("c1") + 4 * w.get("c2"), 1e-9, "Σ n_c w_c = N");
        assertEquals(100.0, w.get("c2") / w.get("c0"), 1e-9);
        FitResult adjusted = new MapProvider().create(params("logit_adjusted", "epochs", 1, "loss_tau", 2.0), 1)
                .fit(train, null, TrainingListener.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Double> d = (Map<String, Double>) adjusted.extras().get("logit_offsets");
        assertEquals(2 * Math.log(4 / 400.0), d.get("c2"), 1e-12);
        assertTrue(new MapProvider().create(params("cross_entropy", "epochs", 1), 1).fit(train, null, TrainingListener.NONE)
                .extras().isEmpty(), "the plain loss records nothing");
    }

    /**
     * Three Gaussian classes with counts 2000 : 200 : 20, scored on 3000 balanced test points: plain cross-entropy
     * follows the priors, the logit-adjusted loss the Bayes-optimal balanced rule (nearest mean). Seeds 1–3; the
     * margins hold with room for each (measured: agreement plain 0.73–0.78, logit-adjusted 0.96–0.98;
     * balanced error plain 0.24–0.29, logit-adjusted 0.11–0.13).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void logitAdjustedLossComesCloserToTheBayesOptimalBalancedClassifier(long seed) {
        DenseData train = LongTailGaussians.sample(new int[]{2000, 200, 20}, 100 + seed);
        DenseData test = LongTailGaussians.sample(new int[]{1000, 1000, 1000}, 200 + seed);
        float[] plain = fitAndPredict(train, test, params("cross_entropy"), seed);
        float[] adjusted = fitAndPredict(train, test, params("logit_adjusted"), seed);
        double plainAgreement = LongTailGaussians.agreementWithBayes(test, plain);
        double adjustedAgreement = LongTailGaussians.agreementWithBayes(test, adjusted);
        String measured = "seed " + seed + ": agreement plain " + plainAgreement + ", adjusted " + adjustedAgreement
                + "; balanced error plain " + LongTailGaussians.balancedError(test, plain) + ", adjusted "
                + LongTailGaussians.balancedError(test, adjusted);
        assertTrue(adjustedAgreement > plainAgreement + 0.1, measured);
        assertTrue(LongTailGaussians.balancedError(test, adjusted) < LongTailGaussians.balancedError(test, plain) - 0.05, measured);
    }

    @Test
    void everyLossGivesTheSameNumbersAtOneAndTwoGemmThreads() {
        DenseData train = LongTailGaussians.sample(new int[]{600, 60, 6}, 9);
        DenseData test = LongTailGaussians.sample(new int[]{50, 50, 50}, 10);
        for (String loss : REMEDIES) {
            // 256-wide layers on 128-row batches: products large enough to be split over threads
            Map<String, Object> p = params(loss, "hidden", List.of(256, 256), "epochs", 2, "batch_size", 128);
            List<float[]> out = GemmThreads.eachOf(new int[]{1, 2}, t -> fitAndPredict(train, test, p, 4));
            assertArrayEquals(out.get(0), out.get(1), loss);
        }
    }
}
