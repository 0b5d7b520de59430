package dev.credence.methods.prunedbbb;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.Sweep;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.testing.Blobs;
import dev.credence.core.testing.PredictiveMeasures;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.bbb.BbbProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.test.Helpers;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.example.LabelledDataGenerator;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunedBbbTrainerTest {
    static final Map<String, Object> SMALL = Map.of("hidden", List.of(16), "epochs", 25, "batch_size", 32,
            "learning_rate", 0.02, "test_samples", 16);
    static DenseData train;
    static DenseData test;
    static FitResult fit;

    @BeforeAll
    static void fitOnce() {
        train = Blobs.diagonal(400, 1);
        test = Blobs.diagonal(200, 2);
        fit = new PrunedBbbProvider().create(SMALL, 5).fit(train, null, TrainingListener.NONE);
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertEquals("pruned-bbb", MethodRegistry.discover().get("pruned-bbb").name());
        assertEquals("bbb", MethodRegistry.discover().get("bbb").name());
    }

    @Test
    void headlineFractionMustBeListed() {
        Map<String, Object> values = new HashMap<>(SMALL);
        values.put("fractions", List.of(0.0, 0.5));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new PrunedBbbProvider().create(values, 1));
        assertTrue(e.getMessage().contains("'headline_fraction'"), e.getMessage());
        values.put("headline_fraction", 0.5);
        new PrunedBbbProvider().create(values, 1);
        values.put("fractions", List.of(0.5, 0.50));
        e = assertThrows(CredenceInputException.class, () -> new PrunedBbbProvider().create(values, 1));
        assertTrue(e.getMessage().contains("'fractions'"), e.getMessage());
    }

    @Test
    void everyFractionIsASweepPointAndTheHeadlineIsTheOneAt95Percent() {
        assertTrue(fit.variants().isEmpty(), "the fractions are a sweep, not named variants");
        assertEquals(1, fit.sweeps().size());
        Sweep sweep = fit.sweep(PrunedBbbTrainer.AXIS).orElseThrow();
        assertEquals("pruned_fraction", sweep.axis());
        assertFalse(sweep.description().isEmpty());
        assertArrayEquals(new double[] {0, 0.5, 0.75, 0.9, 0.95, 0.98}, sweep.values(), 0);
        assertSame(sweep.at(0.95), fit.predictive());
        assertEquals(16, fit.testSamples());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) fit.extras().get("pruning");
        int weights = 2 * 16 + 16 * 2;
        int biases = 16 + 2;
        assertEquals(6, curve.size());
        for (Map<String, Object> level : curve) {
            double f = (Double) level.get("fraction");
            int removed = (int) Math.floor(f * weights + 1e-9);
            assertEquals(removed, level.get("removed_weights"));
            assertEquals(weights - removed, level.get("kept_weights"));
            assertEquals(weights - removed + biases, level.get("kept_parameters"));
        }
        assertEquals(0.95, fit.extras().get("headline_fraction"));
        assertEquals("gaussian", fit.extras().get("prior"));
    }

    @Test
    void pruneZeroIsTheBbbPosteriorAndVariantsAreIndependentSamplePredictives() {
        FitResult bbb = new BbbProvider().create(SMALL, 5).fit(train, null, TrainingListener.NONE);
        PredictiveSamples plain = bbb.predictive().sample(test.x(), 16);
        Sweep sweep = fit.sweep(PrunedBbbTrainer.AXIS).orElseThrow();
        Predictive zero = sweep.at(0);
        Predictive heavy = sweep.at(0.98);
        PredictiveSamples first = zero.sample(test.x(), 16);
        SameSamples.assertSame(plain, first, "fraction 0 must equal bbb's predictive");
        assertFalse(Arrays.equals(first.probs()[0], first.probs()[1]), "S samples must differ");
        PredictiveSamples pruned = heavy.sample(test.x(), 16);
        assertFalse(Arrays.equals(first.probs()[0], pruned.probs()[0]));
        // sampling one variant does not disturb another
        PredictiveSamples again = zero.sample(test.x(), 16);
        SameSamples.assertSame(first, again, "fraction 0 sampled again");
        // the unpruned posterior separates the blobs
        double accuracy = PredictiveMeasures.accuracy(first, test.y());
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    /** Rebuilds the trainer from its provenance's configuration. */
    @Test
    void configurationRoundTripsThroughOlcut() {
        Map<String, Object> values = new HashMap<>(SMALL);
        values.put("fractions", List.of(0.0, 0.9));
        values.put("headline_fraction", 0.9);
        UncertaintyTrainer t = new PrunedBbbProvider().create(values, 6);
        UncertaintyTrainer again = ProvenanceRoundTrip.assertRebuilds(t);
        assertEquals("pruned-bbb", again.methodName());
        assertTrue(t.getProvenance().toString().contains("headline_fraction=0.9"), t.getProvenance().toString());
        Model<Label> model = t.train(LabelledDataGenerator.denseTrainTest().getA());
        Helpers.testProvenanceMarshalling(model.getProvenance());
    }
}
