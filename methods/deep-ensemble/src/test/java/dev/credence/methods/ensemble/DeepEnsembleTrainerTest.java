package dev.credence.methods.ensemble;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.Sweep;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.PredictiveMeasures;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TribuoPredictions;
import dev.credence.core.testing.TwoMoons;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.CredenceModel;
import dev.credence.methods.map.MapProvider;
import dev.credence.methods.map.MapTrainer;
import dev.credence.methods.mcdropout.McDropoutProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.example.LabelledDataGenerator;
import org.tribuo.test.Helpers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.credence.core.testing.PredictiveMeasures.meanMutualInformation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepEnsembleTrainerTest {
    private static final DenseData TRAIN = TwoMoons.make(200, 0.1, 1);
    private static final DenseData VALIDATION = TwoMoons.make(60, 0.1, 2);
    private static final DenseData TEST = TwoMoons.make(100, 0.1, 3);
    private static final DeepEnsembleProvider PROVIDER = new DeepEnsembleProvider();

    static ResolvedParams params(int members) {
        return TestParams.resolve(PROVIDER, Map.of("members", members));
    }

    static UncertaintyTrainer map(long seed) {
        return new MapProvider().create(Map.of("hidden", List.of(16, 16), "epochs", 30, "batch_size", 32,
                "learning_rate", 0.01), seed);
    }

    static UncertaintyTrainer dropout(long seed) {
        return new McDropoutProvider().create(Map.of("hidden", List.of(16, 16), "epochs", 20, "batch_size", 32,
                "learning_rate", 0.01, "dropout", 0.2, "test_samples", 8), seed);
    }

    static ComposedTrainer ensemble(int members, UncertaintyTrainer base) {
        return PROVIDER.create(params(members), 99, base);
    }

    static void assertSamePredictive(Predictive expected, Predictive actual, FMatrixRMaj x, int samples, String what) {
        SameSamples.assertSame(expected.sampleLogits(x, samples).logits(), actual.sampleLogits(x, samples).logits(), what + " logits");
        SameSamples.assertSame(expected.sample(x, samples).probs(), actual.sample(x, samples).probs(), what + " probabilities");
    }

    @Test
    void isRegisteredAndNeedsABase() {
        assertInstanceOf(DeepEnsembleProvider.class, MethodRegistry.discover().get("deep-ensemble"));
        assertThrows(CredenceInputException.class, () -> PROVIDER.create(params(2), 1L));
        assertThrows(CredenceInputException.class, () -> params(0));
        assertThrows(CredenceInputException.class, () -> params(101));
        assertEquals(5, HyperParameters.resolve("test", DeepEnsembleProvider.NAME, PROVIDER.hyperParameters(), null)
                .getInt("members"));
    }

    @Test
    void oneMemberIsItsBaseBitForBit() {
        FitResult base = map(4).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        FitResult one = ensemble(1, map(4)).fitOn(base, TRAIN, VALIDATION, TrainingListener.NONE);
        assertSamePredictive(base.predictive(), one.predictive(), TEST.x(), 4, "map, M = 1");
        assertFalse(one.predictive().stochastic());
        assertTrue(one.variants().isEmpty());
        assertTrue(one.sweeps().isEmpty(), "one point is no sweep");
        assertEquals(base.history(), one.history());

        FitResult stochasticBase = dropout(4).fit(TRAIN, null, TrainingListener.NONE);
        FitResult stochasticOne = ensemble(1, dropout(4)).fit(TRAIN, null, TrainingListener.NONE);
        assertSamePredictive(stochasticBase.predictive(), stochasticOne.predictive(), TEST.x(), 8, "mc-dropout, M = 1");
        assertEquals(stochasticBase.testSamples(), stochasticOne.testSamples());
    }

    @Test
    void mixtureMeanIsTheMeanOfTheMembersMeans() {
        for (UncertaintyTrainer base : List.of(map(5), dropout(5))) {
            FitResult fit = ensemble(3, base).fit(TRAIN, null, TrainingListener.NONE);
            EnsemblePredictive ensemble = (EnsemblePredictive) fit.predictive();
            double[][] mixture = ensemble.sample(TEST.x(), 6).meanProbabilities();
            double[][] expected = new double[TEST.size()][2];
            for (Predictive member : ensemble.members()) {
                double[][] mean = member.sample(TEST.x(), 6).meanProbabilities();
                for (int i = 0; i < expected.length; i++) {
                    for (int k = 0; k < 2; k++) {
                        expected[i][k] += mean[i][k] / 3;
                    }
                }
            }
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], mixture[i], 1e-6, base.methodName() + " row " + i);
            }
        }
    }

    @Test
    void mapMembersDisagreeOffTheData() {
        FitResult fit = ensemble(5, map(6)).fit(TRAIN, null, TrainingListener.NONE);
        double near = meanMutualInformation(fit.predictive().sample(TRAIN.x(), 1));
        double far = meanMutualInformation(fit.predictive().sample(TwoMoons.circle(64, 10), 1));
        assertTrue(far > 0.01 && far > near, "mutual information near " + near + ", at radius 10 " + far);
        // the members still fit the data
        PredictiveSamples test = fit.predictive().sample(TEST.x(), 1);
        double accuracy = PredictiveMeasures.accuracy(test, TEST.y());
        assertTrue(accuracy > 0.85, "accuracy " + accuracy);
    }

    @Test
    void fitEqualsFitOnAFreshBaseFitAndMembersAreTheBaseInvocations() {
        FitResult fitted = ensemble(3, map(21)).fit(TRAIN, VALIDATION, TrainingListener.NONE);
        FitResult composed = ensemble(3, map(21)).fitOn(map(21).fit(TRAIN, VALIDATION, TrainingListener.NONE),
                TRAIN, VALIDATION, TrainingListener.NONE);
        assertSamePredictive(fitted.predictive(), composed.predictive(), TEST.x(), 1, "headline");
        assertTrue(composed.variants().isEmpty());
        Sweep sweep = composed.sweep(DeepEnsembleTrainer.AXIS).orElseThrow();
        assertEquals("members", sweep.axis());
        assertArrayEquals(new double[] {1, 2, 3}, sweep.values(), 0);
        assertSame(composed.predictive(), sweep.at(3), "the last point is the headline itself, scored once");
        for (double size : sweep.values()) {
            assertSamePredictive(fitted.sweep(DeepEnsembleTrainer.AXIS).orElseThrow().at(size), sweep.at(size), TEST.x(), 1,
                    "members " + size);
        }
        assertEquals(fitted.history().epochs().size(), composed.history().epochs().size());
        for (int e = 0; e < fitted.history().epochs().size(); e++) {
            assertEquals(fitted.history().epochs().get(e).terms(), composed.history().epochs().get(e).terms());
        }
        assertEquals(fitted.extras(), composed.extras());

        List<Predictive> members = ((EnsemblePredictive) composed.predictive()).members();
        for (int m = 0; m < 3; m++) {
            UncertaintyTrainer base = map(21);
            base.setInvocationCount(m);
            assertSamePredictive(base.fit(TRAIN, VALIDATION, TrainingListener.NONE).predictive(), members.get(m),
                    TEST.x(), 1, "member " + m);
        }
        float[] first = members.get(0).sample(TEST.x(), 1).probs()[0];
        float[] second = members.get(1).sample(TEST.x(), 1).probs()[0];
        assertFalse(java.util.Arrays.equals(first, second), "members differ");
    }

    @Test
    void historyAndProgressCoverEveryMember() {
        List<String> reported = new ArrayList<>();
        UncertaintyTrainer base = map(8);
        FitResult baseFit = map(8).fit(TRAIN, null, TrainingListener.NONE);
        FitResult fit = ensemble(3, base).fitOn(baseFit, TRAIN, null, (method, record, total) -> reported.add(method));
        assertEquals(2 * 30, reported.size(), "members 2 and 3 train here; member 1 is the base fit");
        assertEquals("deep-ensemble member 2/3 (map)", reported.get(0));
        assertEquals("deep-ensemble member 3/3 (map)", reported.get(reported.size() - 1));
        assertEquals(3 * 30, fit.history().epochs().size());
        assertEquals(90, fit.history().epochs().get(89).epoch());
        assertEquals(3 * baseFit.history().examplesProcessed(), fit.history().examplesProcessed());
        assertTrue(fit.history().seconds() > baseFit.history().seconds());
        assertEquals(3, fit.extras().get("members"));
        assertEquals(List.of(30, 30, 30), fit.extras().get("member_epochs"));
        assertEquals(3, base.getInvocationCount(), "the base is left after the ensemble's last member");
    }

    @Test
    void sameSeedSameNumbersWhateverTheGemmThreads() {
        // layers of 96 and minibatches of 128: the products are large enough to be split over threads
        DenseData train = TwoMoons.make(512, 0.1, 11);
        FMatrixRMaj grid = TwoMoons.circle(1100, 1.5);
        Map<String, Object> config = new HashMap<>(Map.of("hidden", List.of(96, 96), "epochs", 3, "batch_size", 128,
                "learning_rate", 0.01));
        List<float[][]> runs = GemmThreads.eachOf(new int[]{1, 2, 2}, t -> ensemble(2, new MapProvider().create(config, 13))
                .fit(train, null, TrainingListener.NONE).predictive().sampleLogits(grid, 1).logits());
        SameSamples.assertSame(runs.get(0), runs.get(1), "1 and 2 GEMM threads");
        SameSamples.assertSame(runs.get(1), runs.get(2), "the same seed twice");
    }

    @Test
    void aStochasticBaseGivesEveryMembersSamples() {
        UncertaintyTrainer base = dropout(12);
        ComposedTrainer trainer = ensemble(3, base);
        assertEquals(24, trainer.predictiveSamples(null));
        assertEquals(15, trainer.predictiveSamples(5));
        assertEquals(24, PROVIDER.predictiveSamples(params(3), null, base.predictiveSamples(null)));
        FitResult fit = trainer.fit(TRAIN, null, TrainingListener.NONE);
        assertTrue(fit.predictive().stochastic());
        assertEquals(8, fit.testSamples(), "S is asked of each member");
        LogitSamples logits = fit.predictive().sampleLogits(TEST.x(), 8);
        PredictiveSamples probs = fit.predictive().sample(TEST.x(), 8);
        assertEquals(24, logits.sampleCount());
        assertEquals(24, probs.sampleCount());
        assertEquals(15, fit.predictive().sample(TEST.x(), 5).sampleCount());
        SameSamples.assertSame(logits.softmax().probs(), probs.probs(), "softmax of the logits");
        List<Predictive> members = ((EnsemblePredictive) fit.predictive()).members();
        for (int m = 0; m < 3; m++) {
            float[][] own = members.get(m).sample(TEST.x(), 8).probs();
            SameSamples.assertSame(own, java.util.Arrays.copyOfRange(probs.probs(), 8 * m, 8 * m + 8), "member " + m);
        }
        assertEquals(16, fit.sweep(DeepEnsembleTrainer.AXIS).orElseThrow().at(2).sample(TEST.x(), 8).sampleCount());
    }

    @Test
    void aPointBaseGivesOneSampleAMember() {
        FitResult fit = ensemble(4, map(3)).fit(TRAIN, null, TrainingListener.NONE);
        assertTrue(fit.predictive().stochastic());
        assertEquals(4, fit.predictive().sample(TEST.x(), 32).sampleCount());
        assertEquals(4, ensemble(4, map(3)).predictiveSamples(32));
        assertEquals(2, fit.sweep(DeepEnsembleTrainer.AXIS).orElseThrow().at(2).sample(TEST.x(), 32).sampleCount());
        assertFalse(fit.sweep(DeepEnsembleTrainer.AXIS).orElseThrow().at(1).stochastic());
        assertSamePredictive(fit.predictive(), roundTrip(fit.predictive()), TEST.x(), 1, "serialized");
    }

    static Predictive roundTrip(Predictive p) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(p);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (Predictive) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void provenanceHoldsTheBaseTrainer() {
        UncertaintyTrainer trainer = ensemble(2, map(3));
        ProvenanceRoundTrip.assertRebuilds(trainer);
        String provenance = trainer.getProvenance().toString();
        assertTrue(provenance.contains(MapTrainer.class.getName()), provenance);
        assertTrue(provenance.contains("members=2"), provenance);
        Model<Label> model = trainer.train(LabelledDataGenerator.denseTrainTest().getA());
        Helpers.testProvenanceMarshalling(model.getProvenance());
        assertTrue(model.getProvenance().toString().contains(MapTrainer.class.getName()));
    }

    @Test
    void trainsAsATribuoTrainerAndReplaysAnInvocation() {
        Pair<Dataset<Label>, Dataset<Label>> p = LabelledDataGenerator.denseTrainTest();
        UncertaintyTrainer trainer = ensemble(2, new MapProvider().create(Map.of("hidden", List.of(16), "epochs", 60,
                "batch_size", 8, "learning_rate", 0.01), 5));
        Model<Label> first = trainer.train(p.getA());
        assertInstanceOf(CredenceModel.class, first);
        assertEquals(2, ((CredenceModel) first).predictive().sample(new FMatrixRMaj(1, 4), 1).sampleCount());
        double accuracy = TribuoPredictions.checkedAccuracy(first, p.getB());
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
        Model<Label> second = trainer.train(p.getA());
        assertFalse(Helpers.predictionListDistributionEquals(first.predict(p.getB()), second.predict(p.getB())),
                "invocation 1 fits fresh members");
        Model<Label> replay = trainer.train(p.getA(), Map.of(), 0);
        assertTrue(Helpers.predictionListDistributionEquals(first.predict(p.getB()), replay.predict(p.getB())),
                "replaying invocation 0 reproduces its ensemble");
    }
}
