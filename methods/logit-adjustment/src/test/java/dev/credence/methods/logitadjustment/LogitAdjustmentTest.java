package dev.credence.methods.logitadjustment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.LongTailGaussians;
import dev.credence.core.testing.TinyData;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.map.MapProvider;
import dev.credence.methods.mcdropout.McDropoutProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogitAdjustmentTest {
    static final Map<String, Object> MAP = Map.of("hidden", List.of(32), "epochs", 30, "batch_size", 64, "learning_rate", 0.01);

    static LogitAdjustmentTrainer adjust(double tau, UncertaintyTrainer base) {
        LogitAdjustmentProvider p = new LogitAdjustmentProvider();
        return (LogitAdjustmentTrainer) p.create(HyperParameters.resolve(p.name(), p.name(), p.hyperParameters(),
                new ObjectMapper().valueToTree(Map.of("tau", tau))), 0, base);
    }

    @Test
    void isDiscoveredAndRoundTripsThroughOlcut() {
        assertEquals(LogitAdjustmentTrainer.NAME, MethodRegistry.discover().get("logit-adjustment").name());
        ProvenanceRoundTrip.assertRebuilds(adjust(0.5, new MapProvider().create(MAP, 1)));
    }

    @Test
    void equalClassCountsLeaveAPointBaseBitForBit() {
        DenseData train = TinyData.make(240, 4, 3, 1);
        DenseData test = TinyData.make(90, 4, 3, 2);
        FitResult base = new MapProvider().create(MAP, 3).fit(train, null, TrainingListener.NONE);
        FitResult adjusted = adjust(1.0, new MapProvider().create(MAP, 3)).fitOn(base, train, null, TrainingListener.NONE);
        assertArrayEquals(base.predictive().sample(test.x(), 1).probs()[0], adjusted.predictive().sample(test.x(), 1).probs()[0]);
        assertEquals("logits", adjusted.extras().get("adjusted"));
    }

    @Test
    void aSampledBaseHasItsLogMeanPredictiveAdjustedIntoOneSample() {
        DenseData train = LongTailGaussians.sample(new int[]{300, 30, 10}, 1);
        DenseData test = LongTailGaussians.sample(new int[]{20, 20, 20}, 2);
        UncertaintyTrainer dropout = new McDropoutProvider().create(Map.of("hidden", List.of(16), "epochs", 5,
                "dropout", 0.3, "test_samples", 8), 4);
        FitResult base = dropout.fit(train, null, TrainingListener.NONE);
        double tau = 0.7;
        FitResult adjusted = adjust(tau, dropout).fitOn(base, train, null, TrainingListener.NONE);
        assertEquals("log_mean_predictive", adjusted.extras().get("adjusted"));
        assertFalse(adjusted.predictive().stochastic());
        double[][] mean = base.predictive().sample(test.x(), 8).meanProbabilities();
        PredictiveSamples got = adjusted.predictive().sample(test.x(), 8);
        assertEquals(1, got.sampleCount());
        int[] n = {300, 30, 10};
        for (int i = 0; i < test.size(); i++) {
            double[] q = new double[3];
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                q[c] = mean[i][c] * Math.pow(n[c] / 340.0, -tau);
                sum += q[c];
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(q[c] / sum, got.probs()[0][3 * i + c], 1e-6, "row " + i + ", class " + c);
            }
        }
    }

    /** Post-hoc adjustment of a plain-CE map on the long-tailed problem (counts 2000 : 200 : 20), seeds 1–3. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void adjustingAPlainFitComesCloserToTheBayesOptimalBalancedClassifier(long seed) {
        DenseData train = LongTailGaussians.sample(new int[]{2000, 200, 20}, 100 + seed);
        DenseData test = LongTailGaussians.sample(new int[]{1000, 1000, 1000}, 200 + seed);
        FitResult base = new MapProvider().create(MAP, seed).fit(train, null, TrainingListener.NONE);
        FitResult adjusted = adjust(1.0, new MapProvider().create(MAP, seed)).fitOn(base, train, null, TrainingListener.NONE);
        double plain = LongTailGaussians.agreementWithBayes(test, base.predictive().sample(test.x(), 1).probs()[0]);
        double post = LongTailGaussians.agreementWithBayes(test, adjusted.predictive().sample(test.x(), 1).probs()[0]);
        assertTrue(post > plain + 0.1, "seed " + seed + ": agreement with the Bayes rule, plain " + plain + ", adjusted " + post);
    }
}
