package dev.credence.methods.mcdropout;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.DenseLayer;
import dev.credence.core.engine.Dropout;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Relu;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.testing.Blobs;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.accuracy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McDropoutTrainerTest {
    private static DenseData train;
    private static DenseData test;

    @BeforeAll
    static void data() {
        train = Blobs.horizontal(400, 1);
        test = Blobs.horizontal(400, 2);
    }

    private static McDropoutTrainer trainer(long seed, Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(32), "epochs", 15, "batch_size", 32,
                "learning_rate", 0.01, "dropout", 0.3));
        values.putAll(extra);
        return (McDropoutTrainer) new McDropoutProvider().create(values, seed);
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertInstanceOf(McDropoutProvider.class, MethodRegistry.discover().get("mc-dropout"));
    }

    @Test
    void outOfRangeRateIsRejectedNamingTheField() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new McDropoutProvider().create(Map.of("dropout", 0.99), 0));
        assertTrue(e.getMessage().contains("'dropout'") && e.getMessage().contains("[0, 0.95]"), e.getMessage());
    }

    @Test
    void dropoutFollowsEveryHiddenActivationAndOptionallyTheInput() {
        MlpShape shape = new MlpShape(3, new int[]{5, 4}, 2, "relu");
        List<Layer> layers = trainer(0, Map.of()).buildNetwork(shape).layers();
        assertEquals(List.of(DenseLayer.class, Relu.class, Dropout.class, DenseLayer.class, Relu.class, Dropout.class,
                DenseLayer.class), layers.stream().map(Object::getClass).toList());
        assertEquals(0.3, ((Dropout) layers.get(2)).rate(), 0);
        List<Layer> withInput = trainer(0, Map.of("input_dropout", 0.1)).buildNetwork(shape).layers();
        assertEquals(8, withInput.size());
        assertEquals(0.1, ((Dropout) withInput.get(0)).rate(), 0);
    }

    @Test
    void learnsTheBlobsAndItsTSamplesDiffer() {
        FitResult fit = trainer(3, Map.of("test_samples", 16)).fit(train, null, TrainingListener.NONE);
        assertEquals(16, fit.testSamples());
        assertTrue(fit.predictive().stochastic());
        PredictiveSamples samples = fit.predictive().sample(test.x(), fit.testSamples());
        assertEquals(16, samples.sampleCount());
        // blobs 4 standard deviations apart: the Bayes accuracy is ≈ 0.977, chance is 0.5
        double acc = accuracy(samples, test.y());
        assertTrue(acc > 0.9, "accuracy " + acc);
        int distinct = (int) java.util.Arrays.stream(samples.probs()).map(java.util.Arrays::toString).distinct().count();
        assertEquals(16, distinct, "every pass draws its own masks");
        // the mean pass (dropout off) is a different, deterministic predictor
        NetworkPredictive mean = new NetworkPredictive(((NetworkPredictive) fit.predictive()).network(), false, 0);
        assertFalse(java.util.Arrays.equals(mean.sample(test.x(), 1).probs()[0], samples.probs()[0]));
        assertEquals(15, fit.history().epochs().size());
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        Map<String, Object> quick = Map.of("epochs", 2);
        PredictiveSamples a = trainer(7, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        PredictiveSamples b = trainer(7, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        PredictiveSamples c = trainer(8, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        SameSamples.assertSame(a, b, "seed 7");
        assertFalse(java.util.Arrays.equals(a.probs()[0], c.probs()[0]));
    }

    @Test
    void noDropoutMeansAPointEstimate() {
        FitResult fit = trainer(1, Map.of("dropout", 0.0, "epochs", 1)).fit(train, null, TrainingListener.NONE);
        assertFalse(fit.predictive().stochastic());
        assertEquals(1, fit.predictive().sample(test.x(), 32).sampleCount());
    }

    @Test
    void tribuoConfigurationRoundTrips() {
        McDropoutTrainer t = trainer(3, Map.of());
        ProvenanceRoundTrip.assertRebuilds(t);
        String provenance = t.getProvenance().toString();
        assertTrue(provenance.contains("dropout=0.3") && provenance.contains("test_samples=32"), provenance);
    }

    @Test
    void resolvedDefaultsFollowTheProtocol() {
        ResolvedParams defaults = dev.credence.core.spi.HyperParameters.resolve("test", "mc-dropout",
                new McDropoutProvider().hyperParameters(), null);
        assertEquals(0.2, defaults.getDouble("dropout"));
        assertEquals(5e-4, defaults.getDouble("weight_decay"));
        assertEquals(32, defaults.getInt("test_samples"));
        assertEquals(0.0, defaults.getDouble("input_dropout"));
    }
}
