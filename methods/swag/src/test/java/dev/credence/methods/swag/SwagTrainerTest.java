package dev.credence.methods.swag;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TribuoPredictions;
import dev.credence.core.testing.TwoMoons;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.map.MapProvider;
import dev.credence.methods.map.MapTrainer;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.example.LabelledDataGenerator;
import org.tribuo.test.Helpers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.accuracy;
import static dev.credence.methods.swag.SwagFixtures.map;
import static dev.credence.core.testing.PredictiveMeasures.meanMutualInformation;
import static dev.credence.methods.swag.SwagFixtures.swag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwagTrainerTest {
    /** Moons that overlap a little, so the training loss (and SGD's noise) does not vanish. */
    private static final DenseData TRAIN = TwoMoons.make(400, 0.2, 1);
    private static final DenseData TEST = TwoMoons.make(400, 0.2, 2);
    private static final FMatrixRMaj FAR = TwoMoons.circle(64, 10);

    private static void assertSameFit(FitResult a, FitResult b, FMatrixRMaj x, String what) {
        SameSamples.assertSame(a.predictive().sample(x, a.testSamples()), b.predictive().sample(x, b.testSamples()), what);
        SameSamples.assertSame(a.variants().get("swa").sample(x, 1), b.variants().get("swa").sample(x, 1), what + " (swa)");
        assertEquals(a.history().epochs().stream().map(EpochRecord::terms).toList(),
                b.history().epochs().stream().map(EpochRecord::terms).toList(), what + ": training curve");
        assertEquals(a.extras(), b.extras(), what + ": extras");
    }

    @Test
    void isDiscoveredAsAComposedMethodThatRefusesABaseWithoutAPointNetwork() {
        MethodProvider provider = MethodRegistry.discover().get("swag");
        ComposedMethodProvider swag = assertInstanceOf(ComposedMethodProvider.class, provider);
        assertNull(swag.refusesBase(new MapProvider()));
        MethodProvider posterior = new dev.credence.core.testing.PointlessProvider("weight-posterior");
        String refusal = swag.refusesBase(posterior);
        assertTrue(refusal.contains("'weight-posterior'") && refusal.contains("point network"), refusal);
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> swag.create(Map.of(), 1));
        assertTrue(e.getMessage().contains("base"), e.getMessage());
        assertEquals(List.of("swag_epochs", "swag_learning_rate", "momentum", "weight_decay", "batch_size",
                "collect_every_steps", "rank", "covariance", "test_samples"),
                swag.hyperParameters().stream().map(HyperParameter::name).toList());
    }

    @Test
    void aBaseFitWithoutAPointNetworkIsRefusedNamingTheBase() {
        FitResult mapFit = map(3, Map.of()).fit(TRAIN, null, TrainingListener.NONE);
        FitResult withoutPoint = FitResult.of(mapFit.predictive(), 1, mapFit.history());
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> swag(3, Map.of(), map(3, Map.of())).fitOn(withoutPoint, TRAIN, null, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("method 'map'") && e.getMessage().contains("point network"), e.getMessage());
    }

    /**
     * The harness's path (one base fit, then {@code fitOn}) and the trainer's own ({@code fit} fits its base first) give
     * the same numbers, and the listener sees the SWAG phase's epochs under the name "swag"; the base fit is not changed.
     */
    @Test
    void fitEqualsFitOnAFreshBaseFitBitForBit() {
        List<String> seen = new ArrayList<>();
        TrainingListener listener = (method, record, total) -> seen.add(method + " " + record.epoch() + "/" + total);
        FitResult whole = swag(7, Map.of(), map(7, Map.of())).fit(TRAIN, null, listener);
        assertEquals(60 + 10, seen.size());
        assertEquals("swag 10/10", seen.get(seen.size() - 1));

        FitResult baseFit = map(7, Map.of()).fit(TRAIN, null, TrainingListener.NONE);
        PredictiveSamples baseBefore = baseFit.predictive().sample(TEST.x(), 1);
        FitResult composed = swag(7, Map.of(), map(7, Map.of())).fitOn(baseFit, TRAIN, null, TrainingListener.NONE);
        assertSameFit(whole, composed, TEST.x(), "fit vs fitOn");
        SameSamples.assertSame(baseBefore, baseFit.predictive().sample(TEST.x(), 1), "the base fit after SWAG trained its copy");

        assertEquals(32, composed.testSamples());
        assertEquals(10, composed.history().epochs().size(), "the SWAG phase's history");
        assertEquals(10L, composed.extras().get("iterates"));
        assertEquals(10, composed.extras().get("rank"), "10 iterates: D has 10 of its 20 columns");
        assertNull(composed.point());
    }

    /**
     * Same seed, same numbers, whatever the GEMM thread count; layers of 256 make the products large enough to be
     * split over threads.
     */
    @Test
    void sameSeedSameNumbersWithOneOrTwoGemmThreads() {
        Map<String, Object> wide = Map.of("hidden", List.of(256, 256), "epochs", 2);
        Map<String, Object> brief = Map.of("swag_epochs", 2, "test_samples", 4);
        FitResult[] fits = GemmThreads.eachOf(new int[]{1, 2}, t -> swag(5, brief, map(5, wide)).fit(TRAIN, null,
                TrainingListener.NONE)).toArray(FitResult[]::new);
        assertSameFit(fits[0], fits[1], TEST.x(), "1 vs 2 GEMM threads");
        FitResult other = swag(6, brief, map(5, wide)).fit(TRAIN, null, TrainingListener.NONE);
        assertFalse(java.util.Arrays.equals(fits[0].predictive().sample(TEST.x(), 4).probs()[0],
                other.predictive().sample(TEST.x(), 4).probs()[0]), "another SWAG seed draws other networks");
    }

    /**
     * Sanity of the posterior on two moons: for both covariances, the SWAG average and the SWA network are about as
     * accurate as the base (the phase stays in the base's basin). At a rate of 0.1 the S sampled networks disagree
     * (mutual information) more on a circle of radius 10 than on the training points. At the default 0.01 the
     * Gaussian is narrower (mutual information about 10⁻⁴ nats on the data) and the ordering held for 7 of 9 base and
     * data seeds tried, at 0.1 for all 9: SWAG's width is set by SGD's noise at its rate, so the ordering is checked
     * where the posterior is wide enough to show it.
     */
    @Test
    void staysAsAccurateAsTheBaseAndIsMoreUncertainOffTheData() {
        FitResult baseFit = map(11, Map.of()).fit(TRAIN, null, TrainingListener.NONE);
        double baseAccuracy = accuracy(baseFit.predictive().sample(TEST.x(), 1), TEST.y());
        assertTrue(baseAccuracy > 0.9, "base accuracy " + baseAccuracy);
        for (double rate : new double[]{0.01, 0.1}) {
            for (String covariance : List.of("low_rank", "diagonal")) {
                FitResult fit = swag(11, Map.of("covariance", covariance, "swag_learning_rate", rate), map(11, Map.of()))
                        .fitOn(baseFit, TRAIN, null, TrainingListener.NONE);
                String what = covariance + " at rate " + rate;
                PredictiveSamples test = fit.predictive().sample(TEST.x(), fit.testSamples());
                assertEquals(32, test.sampleCount());
                double swagAccuracy = accuracy(test, TEST.y());
                double swaAccuracy = accuracy(fit.variants().get("swa").sample(TEST.x(), 32), TEST.y());
                double near = meanMutualInformation(fit.predictive().sample(TRAIN.x(), fit.testSamples()));
                double far = meanMutualInformation(fit.predictive().sample(FAR, fit.testSamples()));
                System.out.printf("swag %s: accuracy base %.4f swag %.4f swa %.4f; mutual information near %.2e far %.2e%n",
                        what, baseAccuracy, swagAccuracy, swaAccuracy, near, far);
                assertTrue(Math.abs(swagAccuracy - baseAccuracy) < 0.03, what + ": swag " + swagAccuracy + " vs base " + baseAccuracy);
                assertTrue(Math.abs(swaAccuracy - baseAccuracy) < 0.03, what + ": swa " + swaAccuracy + " vs base " + baseAccuracy);
                assertTrue(near > 0, what + ": mutual information on the data " + near);
                if (rate == 0.1) {
                    assertTrue(far > near, what + ": mutual information far " + far + " should exceed near " + near);
                    assertTrue(far > 1e-3, what + ": mutual information far from the data " + far);
                }
                assertEquals(covariance.equals("low_rank") ? 10 : 0, fit.extras().get("rank"));
            }
        }
    }

    @Test
    void theSwaVariantIsOneMeanPassAtTheAverageWeights() {
        FitResult fit = swag(13, Map.of("test_samples", 3), map(13, Map.of())).fit(TRAIN, null, TrainingListener.NONE);
        assertFalse(fit.variants().get("swa").stochastic());
        assertEquals(1, fit.variants().get("swa").sample(TEST.x(), 3).sampleCount());
        assertEquals(3, fit.predictive().sample(TEST.x(), 3).sampleCount());
        assertEquals(3, fit.predictive().sample(TEST.x(), 100).sampleCount(), "capped at the S networks drawn");
        ComposedTrainer trainer = swag(13, Map.of("test_samples", 3), map(13, Map.of()));
        assertEquals(3, trainer.predictiveSamples(null));
        assertEquals(2, trainer.predictiveSamples(2));
        assertEquals(3, trainer.predictiveSamples(100));
        ResolvedParams params = TestParams.resolve(new SwagProvider(), Map.of("test_samples", 3));
        assertEquals(3, new SwagProvider().predictiveSamples(params, null, 1));
        assertEquals(2, new SwagProvider().predictiveSamples(params, 2, 1));
    }

    @Test
    void trainsAsATribuoTrainerWithTheBaseTrainerInItsProvenance() {
        Pair<Dataset<Label>, Dataset<Label>> p = LabelledDataGenerator.denseTrainTest();
        ComposedTrainer trainer = swag(17, Map.of("swag_epochs", 5), map(17, Map.of("hidden", List.of(16), "batch_size", 8)));
        Model<Label> model = trainer.train(p.getA());
        double accuracy = TribuoPredictions.checkedAccuracy(model, p.getB());
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
        String provenance = model.getProvenance().getTrainerProvenance().toString();
        assertTrue(provenance.contains(MapTrainer.class.getName()), provenance);
        assertTrue(provenance.contains(SwagTrainer.class.getName()), provenance);
        assertTrue(provenance.contains("covariance=low_rank"), provenance);
        Helpers.testProvenanceMarshalling(model.getProvenance());
        ProvenanceRoundTrip.assertRebuilds(trainer);
    }

    @Test
    void aPhaseThatWouldCollectFewerThanTwoIteratesIsRefusedBeforeTraining() {
        FitResult baseFit = map(19, Map.of("epochs", 1)).fit(TRAIN, null, TrainingListener.NONE);
        CredenceInputException once = assertThrows(CredenceInputException.class,
                () -> swag(19, Map.of("swag_epochs", 1), map(19, Map.of())).fitOn(baseFit, TRAIN, null, TrainingListener.NONE));
        assertTrue(once.getMessage().startsWith("method 'swag': needs at least 2 iterates"), once.getMessage());
        assertTrue(once.getMessage().contains("'collect_every_steps'"), once.getMessage());
        // 400 rows in minibatches of 32: 13 updates an epoch, 26 in two; every 14 updates collects once
        CredenceInputException sparse = assertThrows(CredenceInputException.class,
                () -> swag(19, Map.of("swag_epochs", 2, "collect_every_steps", 14), map(19, Map.of("epochs", 1)))
                        .fit(TRAIN, null, TrainingListener.NONE));
        assertTrue(sparse.getMessage().contains("would collect 1 ("), sparse.getMessage());
        FitResult everyStep = swag(19, Map.of("swag_epochs", 2, "collect_every_steps", 13, "test_samples", 2),
                map(19, Map.of())).fitOn(baseFit, TRAIN, null, TrainingListener.NONE);
        assertEquals(2L, everyStep.extras().get("iterates"));
        assertEquals("every 13 updates", everyStep.extras().get("collection"));
    }
}
