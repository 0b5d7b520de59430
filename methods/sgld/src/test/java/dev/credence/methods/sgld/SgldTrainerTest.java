package dev.credence.methods.sgld;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.Sweep;
import dev.credence.core.testing.Blobs;
import dev.credence.core.testing.GemmThreads;
import dev.credence.core.testing.ProvenanceRoundTrip;
import dev.credence.core.testing.SameSamples;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.TribuoDense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.test.Helpers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.credence.core.testing.PredictiveMeasures.accuracy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SgldTrainerTest {
    private static MutableDataset<Label> trainSet;
    private static DenseData train;
    private static DenseData validation;
    private static DenseData test;

    @BeforeAll
    static void data() {
        trainSet = Blobs.horizontalDataset(400, 1);
        train = TribuoDense.toDense(trainSet);
        validation = Blobs.horizontal(200, 2);
        test = Blobs.horizontal(400, 3);
    }

    /** A small chain: 13 updates per epoch, 10 of 20 epochs after burn-in, 8 samples every 16 updates. */
    private static SgldTrainer trainer(long seed, Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(16), "epochs", 20, "burn_in_epochs", 10,
                "batch_size", 32, "samples", 8, "step_sizes", List.of(1e-3)));
        values.putAll(extra);
        return (SgldTrainer) new SgldProvider().create(values, seed);
    }

    @Test
    void isDiscoveredByServiceLoader() {
        assertInstanceOf(SgldProvider.class, MethodRegistry.discover().get("sgld"));
    }

    @Test
    void badHyperparametersAreRejectedNamingTheField() {
        CredenceInputException range = assertThrows(CredenceInputException.class,
                () -> new SgldProvider().create(Map.of("step_sizes", List.of(1e-5, -1.0)), 0));
        assertTrue(range.getMessage().contains("'step_sizes'"), range.getMessage());
        CredenceInputException burnIn = assertThrows(CredenceInputException.class,
                () -> new SgldProvider().create(Map.of("epochs", 5, "burn_in_epochs", 5), 0));
        assertTrue(burnIn.getMessage().contains("'burn_in_epochs'"), burnIn.getMessage());
        CredenceInputException unused = assertThrows(CredenceInputException.class,
                () -> new SgldProvider().create(Map.of("learning_rate", 0.1), 0));
        assertTrue(unused.getMessage().contains("'learning_rate'"), unused.getMessage());
        // 10 post-burn-in epochs × 13 minibatches = 130 updates cannot hold 131 samples
        CredenceInputException tooMany = assertThrows(CredenceInputException.class,
                () -> trainer(0, Map.of("samples", 131)).fit(train, null, TrainingListener.NONE));
        assertTrue(tooMany.getMessage().contains("'samples' = 131") && tooMany.getMessage().contains("= 130"), tooMany.getMessage());
    }

    @Test
    void defaultsFollowTheProtocol() {
        ResolvedParams d = HyperParameters.resolve("test", "sgld", new SgldProvider().hyperParameters(), null);
        assertEquals(20, d.getInt("epochs"));
        assertEquals(10, d.getInt("burn_in_epochs"));
        assertEquals(32, d.getInt("samples"));
        assertEquals(1.0, d.getDouble("prior_sigma"));
        assertArrayEquals(new double[]{1e-5, 3e-5, 1e-4}, d.getDoubleArray("step_sizes"));
        assertEquals(1.0, d.getDouble("temperature"));
        assertFalse(d.getBoolean("preconditioned"));
        assertTrue(new SgldProvider().description().contains("parameters × 4 bytes"));
    }

    @Test
    void learnsTheBlobsAndItsKeptSamplesDiffer() {
        FitResult fit = trainer(3, Map.of()).fit(train, null, TrainingListener.NONE);
        assertEquals(8, fit.testSamples());
        assertTrue(fit.predictive().stochastic());
        PredictiveSamples samples = fit.predictive().sample(test.x(), fit.testSamples());
        assertEquals(8, samples.sampleCount());
        // blobs 4 standard deviations apart: the Bayes accuracy is ≈ 0.977, chance is 0.5
        double acc = accuracy(samples, test.y());
        assertTrue(acc > 0.9, "accuracy " + acc);
        int distinct = (int) java.util.Arrays.stream(samples.probs()).map(java.util.Arrays::toString).distinct().count();
        assertEquals(8, distinct, "each kept sample is another θ");
        assertEquals(1e-3, (Double) fit.extras().get("step_size"), 0);
        assertEquals(16L, fit.extras().get("thinning_steps"));
        assertEquals(130L, fit.extras().get("burn_in_steps"));
        assertEquals(20, fit.history().epochs().size());
        assertEquals(List.of("U", "nll", "prior"), List.copyOf(fit.history().epochs().get(0).terms().keySet()));
        // the chain moves towards low energy: U falls from the first epoch to the last
        assertTrue(fit.history().epochs().get(19).terms().get("U") < fit.history().epochs().get(0).terms().get("U"));
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        Map<String, Object> quick = Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4);
        PredictiveSamples a = trainer(7, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        PredictiveSamples b = trainer(7, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        PredictiveSamples c = trainer(8, quick).fit(train, null, TrainingListener.NONE).predictive().sample(test.x(), 4);
        SameSamples.assertSame(a, b, "seed 7");
        assertFalse(java.util.Arrays.equals(a.probs()[0], c.probs()[0]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void validationPicksTheStepSizeIndependentlyOfTheCandidateOrder() {
        Map<String, Object> quick = Map.of("epochs", 6, "burn_in_epochs", 3, "samples", 4);
        Map<String, Object> forward = new HashMap<>(quick);
        forward.put("step_sizes", List.of(1e-4, 1e-3, 1e-2));
        Map<String, Object> backward = new HashMap<>(quick);
        backward.put("step_sizes", List.of(1e-2, 1e-4, 1e-3));
        FitResult a = trainer(5, forward).fit(train, validation, TrainingListener.NONE);
        FitResult b = trainer(5, backward).fit(train, validation, TrainingListener.NONE);
        Map<String, Double> nll = (Map<String, Double>) a.extras().get("validation_nll_by_step_size");
        assertEquals(3, nll.size());
        assertEquals(nll, b.extras().get("validation_nll_by_step_size"));
        double chosen = (Double) a.extras().get("step_size");
        assertEquals(chosen, b.extras().get("step_size"));
        assertEquals(nll.values().stream().min(Double::compare).orElseThrow(), nll.get(Double.toString(chosen)));
        assertArrayEquals(a.predictive().sample(test.x(), 4).probs()[3], b.predictive().sample(test.x(), 4).probs()[3]);
        // the curve is the chosen chain's, the cost is all three chains'
        assertEquals(6, a.history().epochs().size());
        assertEquals(3L * 6 * train.size(), a.history().examplesProcessed());
        System.out.println("validation NLL by step size: " + nll + ", chosen " + chosen);
    }

    @Test
    void severalStepSizesWithoutValidationAreRefusedBeforeTraining() {
        var t = trainer(2, Map.of("step_sizes", List.of(3e-4, 1e-3), "epochs", 3, "burn_in_epochs", 1, "samples", 2));
        String m = assertThrows(dev.credence.core.CredenceInputException.class,
                () -> t.preflight(dev.credence.core.spi.RunShape.ofTraining(train, null))).getMessage();
        assertTrue(m.contains("'step_sizes' lists 2 candidates") && m.contains("validation_fraction"), m);
        assertThrows(dev.credence.core.CredenceInputException.class, () -> t.fit(train, null, TrainingListener.NONE));
        assertEquals(0, t.getInvocationCount(), "refused before the fit takes an invocation");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDivergingCandidateIsRecordedAndSkipped() {
        Map<String, Object> quick = Map.of("epochs", 3, "burn_in_epochs", 1, "samples", 2);
        Map<String, Object> diverging = new HashMap<>(quick);
        diverging.put("step_sizes", List.of(10.0));
        assertThrows(DivergenceException.class, () -> trainer(1, diverging).fit(train, null, TrainingListener.NONE));
        Map<String, Object> mixed = new HashMap<>(quick);
        mixed.put("step_sizes", List.of(1e-3, 10.0));
        FitResult fit = trainer(1, mixed).fit(train, validation, TrainingListener.NONE);
        assertEquals(1e-3, (Double) fit.extras().get("step_size"), 0);
        Map<String, Double> nll = (Map<String, Double>) fit.extras().get("validation_nll_by_step_size");
        assertNull(nll.get("10.0"));
        assertTrue(nll.containsKey("10.0"));
    }

    @Test
    void refusesAPlanThatDoesNotFitInTheHeapBeforeTraining() {
        AtomicInteger epochs = new AtomicInteger();
        long bytes = dev.credence.core.testing.ThreadAllocation.bytes();
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> trainer(0, Map.of("hidden", List.of(20000, 20000), "samples", 32, "step_sizes", List.of(1e-5, 1e-4)))
                        .fit(train, validation, (method, record, total) -> epochs.incrementAndGet()));
        // 3·20000 + 20001·20000 + 20001·2 = 400,120,002 parameters; 32 of them for each of two chains are 97,685.5 MiB
        assertTrue(e.getMessage().startsWith("method 'sgld': needs an estimated "), e.getMessage());
        assertTrue(e.getMessage().contains("posterior_samples 97,685.5 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("the largest term, posterior_samples, scales with 'samples', 'hidden' or 'step_sizes'"),
                e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "but %,.1f MiB is available",
                Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0))), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(0, epochs.get(), "nothing was trained");
        assertTrue(dev.credence.core.testing.ThreadAllocation.atMost(bytes, 64L << 20), "nothing of the model's size was allocated");
        // one chain (no validation): 10^6 samples of the small network, 162,402 parameters each
        CredenceInputException single = assertThrows(CredenceInputException.class,
                () -> trainer(0, Map.of("hidden", List.of(400, 400), "samples", 1_000_000, "epochs", 100000))
                        .fit(train, null, TrainingListener.NONE));
        assertTrue(single.getMessage().contains("posterior_samples 619,514.5 MiB"), single.getMessage());
        System.out.println(single.getMessage());
    }

    @Test
    void preconditionedChainWithDecayingStepSizeLearnsToo() {
        FitResult fit = trainer(4, Map.of("preconditioned", true, "schedule", "polynomial", "step_sizes", List.of(1e-2)))
                .fit(train, null, TrainingListener.NONE);
        double acc = accuracy(fit.predictive().sample(test.x(), 8), test.y());
        assertTrue(acc > 0.9, "accuracy " + acc);
        assertEquals(1e-2 * Math.pow(1000, 0.55), (Double) fit.extras().get("schedule_a"), 1e-12);
    }

    @Test
    void isATribuoTrainerWithProvenance() {
        SgldTrainer t = trainer(6, Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4));
        ProvenanceRoundTrip.assertRebuilds(t);
        Model<Label> model = t.train(trainSet);
        assertTrue(model.generatesProbabilities());
        String provenance = t.getProvenance().toString();
        assertTrue(provenance.contains("burn_in_epochs=2") && provenance.contains("samples=4"), provenance);
        assertInstanceOf(SnapshotPredictive.class,
                ((dev.credence.core.tribuo.CredenceModel) model).predictive());
    }

    @Test
    void theTribuoPathHoldsOutAValidationSetToChooseAmongSeveralStepSizes() {
        Map<String, Object> two = Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4, "step_sizes", List.of(1e-9, 1e-3));
        Model<Label> chosen = trainer(6, two).train(trainSet);
        Model<Label> firstOnly = trainer(6, Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4, "step_sizes", List.of(1e-9)))
                .train(trainSet);
        MutableDataset<Label> testSet = Blobs.horizontalDataset(400, 3);
        double accuracy = new org.tribuo.classification.evaluation.LabelEvaluator().evaluate(chosen, testSet).accuracy();
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
        assertFalse(Helpers.predictionListDistributionEquals(chosen.predict(testSet), firstOnly.predict(testSet)),
                "with several step sizes the Tribuo path chooses on a held-out split, not the first silently");
        assertTrue(Helpers.predictionListDistributionEquals(chosen.predict(testSet), trainer(6, two).train(trainSet).predict(testSet)));
        assertTrue(chosen.getProvenance().toString().contains("hold_out_fraction=0.1"));
        MutableDataset<Label> tiny = Blobs.horizontalDataset(2, 9);
        dev.credence.core.CredenceInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.credence.core.CredenceInputException.class, () -> trainer(6, two).train(tiny));
        assertTrue(e.getMessage().contains("to choose among the 2 step_sizes on"), e.getMessage());
    }

    /** Every logit of every kept sample of a predictive on the test set, concatenated. */
    private static double[] logits(dev.credence.core.spi.Predictive p) {
        float[][] l = p.sampleLogits(test.x(), 4).logits();
        double[] out = new double[l.length * l[0].length];
        for (int s = 0; s < l.length; s++) {
            for (int j = 0; j < l[s].length; j++) {
                out[s * l[0].length + j] = l[s][j];
            }
        }
        return out;
    }

    /**
     * |L(c) − 2·L(b) + L(a)| / |L(b) − L(a)| over all logits of the step_size sweep's points at a &lt; b &lt; c: near 0
     * when the three chains' displacements from their start are collinear.
     */
    private static double bend(FitResult fit, double a, double b, double c) {
        Sweep sweep = fit.sweep(SgldTrainer.STEP_SIZE_AXIS).orElseThrow();
        double[] la = logits(sweep.at(a));
        double[] lb = logits(sweep.at(b));
        double[] lc = logits(sweep.at(c));
        double second = 0;
        double first = 0;
        for (int i = 0; i < la.length; i++) {
            second += Math.pow(lc[i] - 2 * lb[i] + la[i], 2);
            first += Math.pow(lb[i] - la[i], 2);
        }
        return Math.sqrt(second / first);
    }

    /**
     * The candidates share their start, noise and data order. At step sizes so small that the drift is negligible,
     * a chain's displacement is √ε·Σz: with one noise stream (and one initialisation) the chains at ε, 4ε and 9ε
     * lie on a line, displaced d, 2d, 3d, and so do their logits to first order; independent streams would not.
     * At T = 0 the chain is gradient descent, displaced ε·Σ∇U over the minibatches seen so far (the snapshots fall
     * mid-epoch, so the partial sums depend on the order): with one order the chains at ε, 2ε and 3ε lie on a line.
     * Measured bends (second over first difference): 0.05 (the drift and float rounding) and 0.003; with a seed per
     * candidate, as before, 1.6 and 1.1.
     */
    @Test
    void everyCandidateStartsFromTheSameNetworkDataOrderAndNoise() {
        Map<String, Object> noisy = new HashMap<>(Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4,
                "step_sizes", List.of(1e-10, 4e-10, 9e-10)));
        FitResult a = trainer(5, noisy).fit(train, validation, TrainingListener.NONE);
        double noiseBend = bend(a, 1e-10, 4e-10, 9e-10);
        Map<String, Object> descent = new HashMap<>(Map.of("epochs", 4, "burn_in_epochs", 2, "samples", 4,
                "temperature", 0.0, "step_sizes", List.of(1e-7, 2e-7, 3e-7)));
        FitResult b = trainer(5, descent).fit(train, validation, TrainingListener.NONE);
        double orderBend = bend(b, 1e-7, 2e-7, 3e-7);
        System.out.println("second / first difference of the candidates' logits: noise " + noiseBend + ", order " + orderBend);
        assertTrue(noiseBend < 0.2, "noise-driven chains not collinear: " + noiseBend);
        assertTrue(orderBend < 0.05, "gradient-driven chains not collinear: " + orderBend);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCandidateIsAPointOfTheStepSizeSweepAndTheChosenOneIsTheHeadline() {
        Map<String, Object> quick = new HashMap<>(Map.of("epochs", 6, "burn_in_epochs", 3, "samples", 4,
                "step_sizes", List.of(1e-2, 1e-4, 1e-3, 10.0)));
        FitResult fit = trainer(5, quick).fit(train, validation, TrainingListener.NONE);
        Sweep sweep = fit.sweep(SgldTrainer.STEP_SIZE_AXIS).orElseThrow();
        assertEquals(Sweep.Scale.LOG, sweep.scale());
        // ascending, the diverged candidate (10) left out
        assertArrayEquals(new double[]{1e-4, 1e-3, 1e-2}, sweep.values());
        double chosen = (Double) fit.extras().get("step_size");
        assertSame(fit.predictive(), sweep.at(chosen), "the headline is the chosen point itself");
        Map<String, Double> nll = (Map<String, Double>) fit.extras().get("validation_nll_by_step_size");
        assertEquals(List.of("1.0E-4", "0.001", "0.01", "10.0"), List.copyOf(nll.keySet()));
        assertNull(nll.get("10.0"));
        for (Sweep.Point p : sweep.points()) {
            SnapshotPredictive s = (SnapshotPredictive) p.predictive();
            assertEquals(4, s.size(), "each candidate keeps its S samples");
            if (p.value() != chosen) {
                assertTrue(nll.get(Double.toString(p.value())) >= nll.get(Double.toString(chosen)));
                assertFalse(java.util.Arrays.equals(logits(s), logits(fit.predictive())));
            }
        }
        // one step size: no selection, no sweep
        assertTrue(trainer(5, Map.of("epochs", 3, "burn_in_epochs", 1, "samples", 2)).fit(train, validation,
                TrainingListener.NONE).sweeps().isEmpty());
    }

    @Test
    void cyclicalChainSamplesInEachCyclesLowStepPhase() {
        // 20 epochs × 13 minibatches = 260 updates in 4 cycles of 65; β = 0.8: updates 52..64 of each cycle sample
        FitResult fit = trainer(4, Map.of("schedule", "cyclical", "burn_in_epochs", 0, "samples", 8,
                "step_sizes", List.of(1e-2))).fit(train, null, TrainingListener.NONE);
        assertEquals(8, fit.testSamples());
        assertEquals(65L, fit.extras().get("cycle_steps"));
        assertEquals(52L, fit.extras().get("exploration_steps_per_cycle"));
        assertEquals(2, fit.extras().get("samples_per_cycle"));
        // 13 sampling updates for 2 samples: every 6th
        assertEquals(6L, fit.extras().get("thinning_steps"));
        assertFalse(fit.extras().containsKey("burn_in_steps"), "no burn-in applies");
        assertFalse(fit.extras().containsKey("schedule_a"));
        double acc = accuracy(fit.predictive().sample(test.x(), 8), test.y());
        assertTrue(acc > 0.9, "accuracy " + acc);
        int distinct = (int) java.util.Arrays.stream(fit.predictive().sample(test.x(), 8).probs())
                .map(java.util.Arrays::toString).distinct().count();
        assertEquals(8, distinct);
    }

    @Test
    void cyclicalRulesNameTheSettingsThatDoNotFit() {
        assertRefused(Map.of("schedule", "cyclical"), "'burn_in_epochs' = 10 does not apply to schedule cyclical");
        assertRefused(Map.of("schedule", "cyclical", "burn_in_epochs", 0, "epochs", 10, "cycles", 3),
                "'epochs' = 10 must be a multiple of 'cycles' = 3");
        assertRefused(Map.of("schedule", "cyclical", "burn_in_epochs", 0, "samples", 30),
                "'samples' = 30 must be a multiple of 'cycles' = 4");
        assertRefused(Map.of("step_sizes", List.of(1e-4, 1e-3, 1e-4)), "'step_sizes' lists 1.0E-4 twice");
        assertRefused(Map.of("cycles", 5), "'cycles' = 5 applies only to schedule cyclical, but 'schedule' is constant");
        assertRefused(Map.of("schedule", "polynomial", "exploration_fraction", 0.5),
                "'exploration_fraction' = 0.5 applies only to schedule cyclical, but 'schedule' is polynomial");
        assertRefused(Map.of("schedule", "cyclical", "burn_in_epochs", 0, "schedule_b", 10),
                "'schedule_b' = 10 applies only to schedule polynomial, but 'schedule' is cyclical");
        // 5 epochs × 13 = 65 updates a cycle, the last 13 sample: 4 cycles cannot keep 14 each
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> trainer(0, Map.of("schedule", "cyclical",
                "burn_in_epochs", 0, "samples", 56)).fit(train, null, TrainingListener.NONE));
        assertEquals("method 'sgld': hyperparameter 'samples' = 56 keeps 14 per cycle and needs as many sampling updates "
                + "in each, but a cycle of 5 epochs × 13 minibatches = 65 updates samples in its last 13 "
                + "(exploration_fraction = 0.8)", e.getMessage());
        trainer(0, Map.of("schedule", "cyclical", "burn_in_epochs", 0, "samples", 52,
                "step_sizes", List.of(1e-3))).fit(train, null, TrainingListener.NONE);
    }

    private static void assertRefused(Map<String, ?> values, String message) {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new SgldProvider().create(values, 0));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** 256-wide layers, so the minibatch products are split over GEMM threads. */
    @Test
    void sameSeedSameNumbersWithOneOrTwoGemmThreads() {
        Map<String, Object> wide = Map.of("hidden", List.of(256, 256), "epochs", 4, "burn_in_epochs", 0, "samples", 4,
                "schedule", "cyclical", "cycles", 2, "step_sizes", List.of(1e-4, 1e-3));
        FitResult[] fits = GemmThreads.eachOf(new int[]{1, 2}, t -> trainer(9, wide).fit(train, validation,
                TrainingListener.NONE)).toArray(FitResult[]::new);
        assertEquals(fits[0].extras(), fits[1].extras());
        for (double v : new double[]{1e-4, 1e-3}) {
            assertArrayEquals(logits(fits[0].sweep(SgldTrainer.STEP_SIZE_AXIS).orElseThrow().at(v)),
                    logits(fits[1].sweep(SgldTrainer.STEP_SIZE_AXIS).orElseThrow().at(v)), "ε = " + v);
        }
        FitResult other = trainer(10, wide).fit(train, validation, TrainingListener.NONE);
        assertFalse(java.util.Arrays.equals(logits(fits[0].predictive()), logits(other.predictive())));
    }
}
