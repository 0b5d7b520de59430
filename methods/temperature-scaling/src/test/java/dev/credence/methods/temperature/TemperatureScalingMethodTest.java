package dev.credence.methods.temperature;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import dev.credence.core.testing.TribuoPredictions;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.CredenceModel;
import dev.credence.methods.map.MapProvider;
import dev.credence.methods.map.MapTrainer;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.test.Helpers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The method "temperature-scaling" on a MAP base fitted to small Gaussian blobs (3 classes, 4 features). */
class TemperatureScalingMethodTest {
    private static final DenseData TRAIN = TinyData.make(240, 4, 3, 1);
    private static final DenseData VALIDATION = TinyData.make(120, 4, 3, 2);
    private static final DenseData TEST = TinyData.make(90, 4, 3, 3);
    /** Many epochs of a wide-enough MAP net on overlapping blobs: overconfident, so the fitted T is clearly > 1. */
    private static final Map<String, Object> BASE = Map.of("hidden", List.of(32), "epochs", 40, "batch_size", 16,
            "learning_rate", 0.02, "weight_decay", 0.0);

    private static UncertaintyTrainer base(long seed) {
        return new MapProvider().create(BASE, seed);
    }

    private static ResolvedParams params(Map<String, ?> values) {
        return TestParams.resolve(new TemperatureScalingProvider(), values);
    }

    private static ComposedTrainer trainer(Map<String, ?> values, long seed, UncertaintyTrainer base) {
        return new TemperatureScalingProvider().create(params(values), seed, base);
    }

    private static ComposedTrainer trainer(long seed) {
        return trainer(Map.of(), seed, base(seed));
    }

    /** Mean NLL of a predictive's mean probabilities, in double. */
    private static double nll(Predictive p, DenseData data, int samples) {
        double[][] mean = p.sample(data.x(), samples).meanProbabilities();
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            sum -= Math.log(mean[i][data.y()[i]]);
        }
        return sum / data.size();
    }

    /** @return every epoch's loss terms (the wall times differ from fit to fit) */
    private static List<Map<String, Double>> losses(TrainingHistory history) {
        return history.epochs().stream().map(EpochRecord::terms).toList();
    }

    /** A sampled stand-in: the base's logits plus seeded Gaussian noise of σ per logit, a new draw per sample. */
    record NoisyLogits(Predictive base, double sigma, long seed) implements Predictive {
        @Override
        public int numClasses() {
            return base.numClasses();
        }

        @Override
        public boolean stochastic() {
            return true;
        }

        @Override
        public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
            float[] z = base.sampleLogits(x, 1).logits()[0];
            Rng rng = new Rng(seed);
            float[][] out = new float[Math.max(1, samples)][z.length];
            for (float[] sample : out) {
                for (int i = 0; i < z.length; i++) {
                    sample[i] = z[i] + (float) (sigma * rng.nextGaussian());
                }
            }
            return new LogitSamples(x.numRows, numClasses(), out);
        }
    }

    @Test
    void isDiscoveredAsAComposedMethodAndNeedsABase() {
        MethodProvider p = MethodRegistry.discover().get(TemperatureScalingProvider.NAME);
        assertInstanceOf(ComposedMethodProvider.class, p);
        assertTrue(p.description().contains("validation"), p.description());
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> p.create(Map.of(), 1));
        assertTrue(e.getMessage().contains("base"), e.getMessage());
        assertThrows(CredenceInputException.class, () -> params(Map.of("scaling", "matrix")));
        assertEquals(5, ((ComposedMethodProvider) p).predictiveSamples(params(Map.of()), 32, 5), "the base's S");
        assertEquals(1, trainer(1).predictiveSamples(32), "a MAP base returns one sample");
    }

    @Test
    void identityScalingLeavesTheBasePredictiveBitForBit() {
        FitResult fit = base(3).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        Predictive basePredictive = fit.predictive();
        for (LogitScaling identity : List.of(new TemperatureScaling(1.0), VectorScaling.identity(3))) {
            ScaledPredictive scaled = new ScaledPredictive(basePredictive, identity);
            SameSamples.assertSame(basePredictive.sample(TEST.x(), 4), scaled.sample(TEST.x(), 4), identity.toString());
            SameSamples.assertSame(basePredictive.sampleLogits(TEST.x(), 4), scaled.sampleLogits(TEST.x(), 4), identity.toString());
            assertFalse(scaled.stochastic());
        }
        // and on a sampled base, sample by sample
        Predictive noisy = new NoisyLogits(basePredictive, 0.5, 9);
        ScaledPredictive scaled = new ScaledPredictive(noisy, new TemperatureScaling(1.0));
        assertTrue(scaled.stochastic());
        SameSamples.assertSame(noisy.sample(TEST.x(), 6), scaled.sample(TEST.x(), 6), "sampled base");
    }

    @Test
    void theFitLowersTheValidationNllOrLeavesIt() {
        for (String scaling : List.of("temperature", "vector")) {
            for (boolean balanced : List.of(false, true)) {
                String what = scaling + (balanced ? ", balanced" : "");
                FitResult fit = trainer(Map.of("scaling", scaling, "balanced", balanced), 4, base(4))
                        .fit(TRAIN, VALIDATION, TrainingListener.NONE);
                double before = (Double) fit.extras().get("validation_nll_before");
                double after = (Double) fit.extras().get("validation_nll_after");
                assertTrue(after <= before, what + ": " + before + " → " + after);
                assertEquals(scaling, fit.extras().get("scaling"));
                assertEquals(balanced, fit.extras().get("balanced"));
                assertEquals(Boolean.TRUE, fit.extras().get("converged"), what);
                if (!balanced) {
                    // the plain mean NLL, recomputed from the two predictives' float probabilities
                    ScaledPredictive scaled = (ScaledPredictive) fit.predictive();
                    double base = nll(scaled.base(), VALIDATION, 1);
                    assertEquals(before, base, 1e-5, what);
                    assertTrue(nll(scaled, VALIDATION, 1) <= base, what);
                }
            }
        }
    }

    @Test
    void anOverconfidentBaseIsCooledAndTheFitCarriesTheBasesShape() {
        UncertaintyTrainer base = base(5);
        FitResult fit = trainer(Map.of(), 5, base).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        double t = (Double) fit.extras().get("temperature");
        assertTrue(t > 1.05, "an overfitted MAP net is overconfident on held-out blobs: T = " + t);
        assertTrue((Double) fit.extras().get("validation_nll_after") < (Double) fit.extras().get("validation_nll_before"));
        assertEquals(1, fit.extras().get("validation_samples"));
        assertTrue((Integer) fit.extras().get("evaluations") > 0);
        FitResult baseFit = base(5).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        assertEquals(losses(baseFit.history()), losses(fit.history()), "the scaling adds no epoch");
        assertEquals(baseFit.testSamples(), fit.testSamples());
        assertTrue(fit.variants().isEmpty());
        assertNull(fit.point());
        assertEquals(List.of("scaling", "balanced", "validation_samples", "temperature", "validation_nll_before",
                "validation_nll_after", "converged", "evaluations"), List.copyOf(fit.extras().keySet()));
        FitResult vector = trainer(Map.of("scaling", "vector"), 5, base(5)).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        assertEquals(3, ((List<?>) vector.extras().get("weights")).size());
        assertEquals(3, ((List<?>) vector.extras().get("biases")).size());
        assertFalse(vector.extras().containsKey("temperature"));
    }

    @Test
    void fitEqualsFitOnAFreshBaseFitWithTheSameSeed() {
        for (String scaling : List.of("temperature", "vector")) {
            FitResult whole = trainer(Map.of("scaling", scaling), 6, base(6)).fit(TRAIN, VALIDATION, TrainingListener.NONE);
            FitResult shared = base(6).fit(TRAIN, VALIDATION, TrainingListener.NONE);
            FitResult composed = trainer(Map.of("scaling", scaling), 6, base(6)).fitOn(shared, TRAIN, VALIDATION,
                    TrainingListener.NONE);
            SameSamples.assertSame(whole.predictive().sample(TEST.x(), 1), composed.predictive().sample(TEST.x(), 1), scaling);
            assertEquals(whole.extras(), composed.extras(), scaling);
            assertEquals(losses(whole.history()), losses(composed.history()), scaling);
            assertSame(shared.history(), composed.history(), "the base fit's own history");
        }
    }

    @Test
    void sameSeedSameNumbersWhateverTheGemmThreads() {
        // layers of 256 make the products large enough for the kernel to split them over two threads
        Map<String, Object> wide = new HashMap<>(BASE);
        wide.put("hidden", List.of(256, 256));
        wide.put("epochs", 2);
        List<FitResult> fits = GemmThreads.eachOf(new int[]{1, 1, 2}, t -> trainer(Map.of(), 8,
                new MapProvider().create(wide, 8)).fit(TRAIN, VALIDATION, TrainingListener.NONE));
        PredictiveSamples[] samples = fits.stream().map(f -> f.predictive().sample(TEST.x(), 1)).toArray(PredictiveSamples[]::new);
        Map<?, ?>[] extras = fits.stream().map(FitResult::extras).toArray(Map<?, ?>[]::new);
        SameSamples.assertSame(samples[0], samples[1], "same seed");
        SameSamples.assertSame(samples[0], samples[2], "1 and 2 GEMM threads");
        assertEquals(extras[0], extras[1]);
        assertEquals(extras[0], extras[2]);
        PredictiveSamples other = trainer(Map.of(), 9, new MapProvider().create(wide, 9)).fit(TRAIN, VALIDATION,
                TrainingListener.NONE).predictive().sample(TEST.x(), 1);
        assertFalse(java.util.Arrays.equals(samples[0].probs()[0], other.probs()[0]), "another seed, another base");
    }

    @Test
    void provenanceNestsTheBaseTrainer() {
        ComposedTrainer t = trainer(Map.of("scaling", "vector", "balanced", true), 10, base(10));
        String provenance = t.getProvenance().toString();
        assertTrue(provenance.contains(MapTrainer.class.getName()), provenance);
        assertTrue(provenance.contains(TemperatureScalingTrainer.class.getName()), provenance);
        assertTrue(provenance.contains("scaling=vector") && provenance.contains("balanced=true"), provenance);
        assertTrue(provenance.contains("weight_decay=0.0"), "the base's own configuration: " + provenance);
        ProvenanceRoundTrip.assertRebuilds(t);
    }

    @Test
    void aRunWithoutValidationIsRefusedBeforeAndDuringTheFit() {
        ComposedMethodProvider p = new TemperatureScalingProvider();
        CredenceInputException before = assertThrows(CredenceInputException.class,
                () -> p.preflight(params(Map.of()), new RunShape(4, 3, 240, 0, 90, 1), Footprint.none()));
        assertTrue(before.getMessage().contains("'validation_fraction'"), before.getMessage());
        assertTrue(before.getMessage().contains("temperature-scaling"), before.getMessage());
        assertFalse(before.getMessage().contains("\n"), before.getMessage());
        CredenceInputException fit = assertThrows(CredenceInputException.class,
                () -> trainer(11).fit(TRAIN, null, TrainingListener.NONE));
        assertEquals(before.getMessage(), fit.getMessage());
        FitResult baseFit = base(11).fit(TRAIN, null, TrainingListener.NONE);
        CredenceInputException on = assertThrows(CredenceInputException.class,
                () -> trainer(11).fitOn(baseFit, TRAIN, null, TrainingListener.NONE));
        assertEquals(before.getMessage(), on.getMessage());
    }

    @Test
    void aSampledBaseIsScaledSampleBySampleAndVectorScalingRefusesIt() {
        FitResult point = base(12).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        FitResult sampled = new FitResult(new NoisyLogits(point.predictive(), 0.3, 12), 8, point.history(), Map.of(), Map.of());
        FitResult fit = trainer(Map.of(), 12, base(12)).fitOn(sampled, TRAIN, VALIDATION, TrainingListener.NONE);
        assertEquals(8, fit.extras().get("validation_samples"));
        assertEquals(8, fit.testSamples());
        assertTrue(fit.predictive().stochastic());
        assertTrue((Double) fit.extras().get("validation_nll_after") <= (Double) fit.extras().get("validation_nll_before"));
        double t = (Double) fit.extras().get("temperature");
        LogitSamples raw = sampled.predictive().sampleLogits(TEST.x(), 8);
        LogitSamples scaled = fit.predictive().sampleLogits(TEST.x(), 8);
        assertEquals(8, scaled.sampleCount());
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < raw.logits()[s].length; i++) {
                assertEquals((float) (raw.logits()[s][i] / t), scaled.logits()[s][i], 0f, "sample " + s + ", logit " + i);
            }
        }
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> trainer(Map.of("scaling", "vector"), 12, base(12)).fitOn(sampled, TRAIN, VALIDATION, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("'temperature-scaling'") && e.getMessage().contains("'map'")
                && e.getMessage().contains("8 samples"), e.getMessage());
    }

    @Test
    void footprintIsTheBasesPlusTheLogitsItHolds() {
        ResolvedParams baseParams = TestParams.resolve(new MapProvider(), BASE);
        RunShape run = new RunShape(4, 3, 240, 120, 90, 5);
        Footprint base = new MapProvider().preflight(baseParams, run);
        Footprint own = new TemperatureScalingProvider().preflight(params(Map.of()), run, base);
        assertEquals(base.total() + 4L * 2 * 5 * 120 * 3 + 4L * 6 * 90 * 3, own.total(), own.toString());
        for (Footprint.Term t : base.terms()) {
            assertEquals(t.bytes(), own.bytes(t.name()), t.name());
        }
        assertEquals(4L * 2 * 5 * 120 * 3, own.bytes("validation_logits"));
        Footprint vector = new TemperatureScalingProvider().preflight(params(Map.of("scaling", "vector")), run, base);
        assertEquals(16L * 6 * 6, vector.bytes("vector_scaling_newton"));
        // the trainer knows its MAP base returns one sample, on validation and at test time
        Footprint exact = trainer(1).preflight(run);
        assertEquals(base.total() + 4L * 2 * 120 * 3 + 8L * 120 * 3 + 4L * 2 * 90 * 3, exact.total(), exact.toString());
        assertEquals(8L * 120 * 3, exact.bytes("temperature_objective"));
        assertEquals(0, own.bytes("temperature_objective"), "five validation samples: the sampled objective");
    }

    @Test
    void theScaledPredictiveSerializes() throws Exception {
        FitResult fit = trainer(13).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        Predictive copy = dev.credence.core.DeepCopy.of(fit.predictive());
        SameSamples.assertSame(fit.predictive().sample(TEST.x(), 1), copy.sample(TEST.x(), 1), "after a round trip");
    }

    private static Dataset<Label> tribuo(DenseData data, String source) {
        return dev.credence.core.tribuo.TribuoDense.toTribuo(data, source);
    }

    @Test
    void trainsAsATribuoTrainerOnAHoldOut() {
        Dataset<Label> train = tribuo(TRAIN, "blobs train");
        Dataset<Label> test = tribuo(TEST, "blobs test");
        ComposedTrainer t = trainer(14);
        Model<Label> model = t.train(train);
        CredenceModel credence = assertInstanceOf(CredenceModel.class, model);
        assertInstanceOf(ScaledPredictive.class, credence.predictive());
        assertTrue(model.generatesProbabilities());
        double accuracy = TribuoPredictions.checkedAccuracy(model, test);
        assertTrue(accuracy > 0.6, "accuracy " + accuracy);
        assertEquals(1, t.getInvocationCount());
        assertEquals(1, t.base().getInvocationCount());
        Helpers.testProvenanceMarshalling(model.getProvenance());
        assertTrue(model.getProvenance().toString().contains(MapTrainer.class.getName()));
        // replaying invocation 0 replays the base's invocation 0 and the same hold-out
        Model<Label> again = t.train(train, Map.of(), 0);
        assertTrue(Helpers.predictionListDistributionEquals(model.predict(test), again.predict(test)));
        Model<Label> next = t.train(train);
        assertNotEquals(((CredenceModel) model).predictiveSamples(TEST.x(), 1).probs()[0][0],
                ((CredenceModel) next).predictiveSamples(TEST.x(), 1).probs()[0][0], "invocation 1 is another fit");
    }

    @Test
    void theTribuoPathRefusesADatasetTooSmallToHoldOutFrom() {
        ComposedTrainer t = trainer(15);
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> t.train(tribuo(TinyData.make(6, 4, 3, 4), "six rows")));
        assertTrue(e.getMessage().contains("hold_out_fraction"), e.getMessage());
        assertEquals(0, t.getInvocationCount(), "refused before the invocation starts");
    }

    /** Logit 8 on the true class of each validation row, 0 elsewhere: a base that gets the whole split right. */
    private static final class RightOnValidation implements Predictive {
        private static final long serialVersionUID = 1L;

        @Override
        public int numClasses() {
            return VALIDATION.numClasses();
        }

        @Override
        public boolean stochastic() {
            return false;
        }

        @Override
        public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
            int k = numClasses();
            float[] z = new float[x.numRows * k];
            for (int i = 0; i < x.numRows; i++) {
                z[i * k + VALIDATION.y()[i % VALIDATION.size()]] = 8f;
            }
            return new LogitSamples(x.numRows, k, new float[][]{z});
        }
    }

    @Test
    void aValidationSplitTheBaseGetsAllRightLeavesTheBaseUnscaled() {
        FitResult real = base(3).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        FitResult perfect = new FitResult(new RightOnValidation(), 1, real.history(), Map.of(), Map.of());
        for (String scaling : List.of("temperature", "vector")) {
            FitResult fit = trainer(Map.of("scaling", scaling), 3, base(3)).fitOn(perfect, TRAIN, VALIDATION, TrainingListener.NONE);
            assertEquals(TemperatureScalingTrainer.FALLBACK, fit.extras().get("fallback"), scaling + ": " + fit.extras());
            SameSamples.assertSame(perfect.predictive().sampleLogits(VALIDATION.x(), 1), fit.predictive().sampleLogits(VALIDATION.x(), 1),
                    scaling + ": kept unscaled");
        }
    }
}
