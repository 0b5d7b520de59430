package dev.credence.methods.bbb;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.credence.core.CredenceInputException;
import dev.credence.core.bayes.GradientEstimator;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.Blobs;
import dev.credence.core.testing.PredictiveMeasures;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.example.LabelledDataGenerator;
import org.tribuo.test.Helpers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BbbTrainerTest {

    static Map<String, Object> small(Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of("hidden", List.of(16), "epochs", 25, "batch_size", 32,
                "learning_rate", 0.02, "test_samples", 16));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    static FitResult fit(long seed, Object... extra) {
        return new BbbProvider().create(small(extra), seed).fit(Blobs.diagonal(400, 1), null, TrainingListener.NONE);
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertEquals("bbb", MethodRegistry.discover().get("bbb").name());
    }

    @Test
    void localReparamWithScaleMixtureIsRejectedNamingBothFields() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new BbbProvider().create(Map.of("estimator", "local_reparam", "prior", "scale_mixture"), 1));
        assertTrue(e.getMessage().contains("'estimator'") && e.getMessage().contains("'prior'"), e.getMessage());
        assertTrue(e.getMessage().contains("set 'estimator' to sampled_weights or flipout"), e.getMessage());
        assertFalse(e.getMessage().contains("(the default)"), "local_reparam is no longer the default: " + e.getMessage());
        // each alone is fine, and the estimators that draw weights take the mixture (the default one among them)
        new BbbProvider().create(Map.of("estimator", "local_reparam"), 1);
        new BbbProvider().create(Map.of("prior", "scale_mixture"), 1);
        new BbbProvider().create(Map.of("estimator", "sampled_weights", "prior", "scale_mixture"), 1);
        new BbbProvider().create(Map.of("estimator", "flipout", "prior", "scale_mixture"), 1);
    }

    @Test
    void theDefaultEstimatorIsThePapersSampledWeights() {
        assertEquals(GradientEstimator.sampled_weights, BbbTrainer.DEFAULT_ESTIMATOR);
        assertEquals("sampled_weights", new BbbProvider().hyperParameters().stream()
                .filter(h -> h.name().equals("estimator")).findFirst().orElseThrow().defaultValue());
        assertTrue(new BbbProvider().description().contains("sampled weights by default"), new BbbProvider().description());
    }

    @Test
    void zeroKlScaleAndUnknownFieldsAreRejectedByName() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new BbbProvider().create(Map.of("kl_scale", 0.0), 1));
        assertTrue(e.getMessage().contains("'kl_scale'"), e.getMessage());
        e = assertThrows(CredenceInputException.class, () -> new BbbProvider().create(Map.of("estimater", "local_reparam"), 1));
        assertTrue(e.getMessage().contains("estimater") && e.getMessage().contains("estimator"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sampled_weights, gaussian, uniform", "local_reparam, gaussian, uniform",
            "sampled_weights, scale_mixture, blundell", "flipout, gaussian, uniform", "flipout, scale_mixture, blundell"})
    void learnsTwoGaussianBlobsWellAboveChance(String estimator, String prior, String weighting) {
        FitResult fit = fit(2, "estimator", estimator, "prior", prior, "kl_weighting", weighting);
        DenseData test = Blobs.diagonal(400, 99);
        PredictiveSamples samples = fit.predictive().sample(test.x(), fit.testSamples());
        assertEquals(16, samples.sampleCount());
        double accuracy = PredictiveMeasures.accuracy(samples, test.y());
        assertTrue(accuracy > 0.9, estimator + "/" + prior + ": accuracy " + accuracy + " (chance 0.5)");
        List<EpochRecord> epochs = fit.history().epochs();
        assertEquals(List.of("loss", "nll", "kl", "elbo"), List.copyOf(epochs.get(0).terms().keySet()));
        assertTrue(epochs.get(epochs.size() - 1).terms().get("nll") < epochs.get(0).terms().get("nll"));
    }

    @Test
    void sameSeedGivesIdenticalSamplesAndSamplesDifferFromEachOther() {
        DenseData test = Blobs.diagonal(50, 5);
        PredictiveSamples a = fit(7, "epochs", 3).predictive().sample(test.x(), 8);
        PredictiveSamples b = fit(7, "epochs", 3).predictive().sample(test.x(), 8);
        SameSamples.assertSame(a, b, "seed 7");
        for (int s = 1; s < 8; s++) {
            assertFalse(Arrays.equals(a.probs()[0], a.probs()[s]), "sample " + s + " equals sample 0");
        }
        PredictiveSamples other = fit(8, "epochs", 3).predictive().sample(test.x(), 8);
        assertFalse(Arrays.equals(a.probs()[0], other.probs()[0]));
    }

    @Test
    void trainingCurveAndExtrasFollowTheirDefinitions() {
        FitResult fit = fit(3, "epochs", 4);
        int n = 400;
        for (EpochRecord r : fit.history().epochs()) {
            Map<String, Double> t = r.terms();
            assertTrue(t.get("kl") > 0);
            // uniform weighting, β = 1: loss = nll + KL/N = −elbo (epoch means of per-step values)
            assertEquals(t.get("nll") + t.get("kl") / n, t.get("loss"), 1e-9);
            assertEquals(-t.get("loss"), t.get("elbo"), 1e-9);
        }
        Map<String, Object> extras = fit.extras();
        long variables = (2 * 16 + 16) + (16 * 2 + 2);
        assertEquals(variables, extras.get("random_variables"));
        assertEquals(2 * variables, extras.get("parameter_count"));
        assertEquals(BbbTrainer.DEFAULT_ESTIMATOR.key(), extras.get("estimator"));
        assertEquals("gaussian", extras.get("prior"));
        double sigma = (Double) extras.get("final_mean_sigma");
        assertTrue(sigma > 0 && sigma < 1, "mean σ " + sigma);
        assertTrue(fit.predictive().stochastic());
        assertEquals(16, fit.testSamples());
    }

    @Test
    void worksAsATribuoTrainerWithProvenance() {
        Pair<Dataset<Label>, Dataset<Label>> p = LabelledDataGenerator.denseTrainTest();
        UncertaintyTrainer t = new BbbProvider().create(Map.of("hidden", List.of(16), "epochs", 60, "batch_size", 8,
                "learning_rate", 0.01, "test_samples", 8), 4);
        ProvenanceRoundTrip.assertRebuilds(t);
        Model<Label> model = t.train(p.getA());
        Helpers.testProvenanceMarshalling(model.getProvenance());
        double accuracy = new LabelEvaluator().evaluate(model, p.getB()).accuracy();
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
        assertTrue(t.getProvenance().toString().contains("kl_weighting=uniform"), t.getProvenance().toString());
        assertTrue(t.getProvenance().toString().contains("train-invocation-count=1"), t.getProvenance().toString());
    }

    @Test
    void provenanceListsOnlyTheSettingsThatApply() {
        var keys = new BbbProvider().create(Map.of("hidden", List.of(4)), 1).getProvenance().getConfiguredParameters().keySet();
        assertTrue(keys.containsAll(List.of("prior_sigma", "estimator", "learning_rate", "seed")), keys.toString());
        assertTrue(keys.stream().noneMatch(k -> k.startsWith("mixture") || k.equals("momentum")), keys.toString());
        UncertaintyTrainer mixture = new BbbProvider().create(Map.of("hidden", List.of(4), "prior", "scale_mixture",
                "estimator", "sampled_weights", "optimizer", "sgd", "momentum", 0.5), 1);
        var mixtureKeys = mixture.getProvenance().getConfiguredParameters().keySet();
        assertTrue(mixtureKeys.containsAll(List.of("mixture_pi", "mixture_sigma1", "mixture_sigma2", "momentum")), mixtureKeys.toString());
        assertFalse(mixtureKeys.contains("prior_sigma"), mixtureKeys.toString());
        ProvenanceRoundTrip.assertRebuilds(mixture);
    }
}
