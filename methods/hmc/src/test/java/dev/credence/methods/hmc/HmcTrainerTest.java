package dev.credence.methods.hmc;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.LongTailGaussians;
import dev.credence.core.testing.PredictiveMeasures;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmcTrainerTest {
    private static final DenseData TRAIN = LongTailGaussians.sample(new int[]{60, 40, 20}, 1);
    private static final DenseData TEST = LongTailGaussians.sample(new int[]{30, 30, 30}, 2);

    static ResolvedParams params(Map<String, ?> values) {
        return TestParams.resolve(new HmcProvider(), values);
    }

    static Map<String, Object> small(Map<String, ?> extra) {
        Map<String, Object> v = new HashMap<>(Map.of("hidden", List.of(8), "warmup", 80, "samples", 10, "thinning", 2,
                "leapfrog_steps", 10, "chains", 3, "batch_size", 50));
        v.putAll(extra);
        return v;
    }

    static HmcTrainer trainer(Map<String, ?> values, long seed) {
        return (HmcTrainer) new HmcProvider().create(params(values), seed);
    }

    @Test
    void severalChainsGiveBitIdenticalSamplesOnPoolsOfOneAndTwoThreads() {
        float[][] one = trainer(small(Map.of()), 4).withWorkers(1).fit(TRAIN, null, TrainingListener.NONE)
                .predictive().sample(TEST.x(), 30).probs();
        float[][] two = trainer(small(Map.of()), 4).withWorkers(2).fit(TRAIN, null, TrainingListener.NONE)
                .predictive().sample(TEST.x(), 30).probs();
        assertEquals(30, one.length);
        for (int s = 0; s < one.length; s++) {
            assertArrayEquals(one[s], two[s], "sample " + s);
        }
        assertTrue(!java.util.Arrays.equals(one[0], one[10]), "chains 0 and 1 differ");
    }

    @Test
    void theFitKeepsEveryChainsSamplesRecordsItsDiagnosticsAndAdaptsTowardsTheTarget() {
        FitResult fit = trainer(small(Map.of("target_accept", 0.7)), 2).fit(TRAIN, null, TrainingListener.NONE);
        assertEquals(30, ((SnapshotPredictive) fit.predictive()).size());
        assertEquals(30, fit.testSamples());
        Map<String, Object> x = fit.extras();
        assertEquals(3, ((List<?>) x.get("acceptance_rate")).size());
        for (Object a : (List<?>) x.get("warmup_accept_probability")) {
            assertEquals(0.7, (Double) a, 0.12, "second half of warm-up " + x);
        }
        for (Object a : (List<?>) x.get("mean_accept_probability")) {
            assertTrue((Double) a > 0.55 && (Double) a <= 1, x.toString());
        }
        double rhat = (Double) x.get("rhat");
        assertTrue(rhat >= 0.9 && rhat < 2, "R̂ " + rhat);
        assertTrue((Double) x.get("ess") > 0);
        assertEquals("training log-likelihood of each kept network", x.get("diagnostic_trace"));
        assertEquals(10, fit.history().epochs().size());
        assertEquals(List.of("U", "log_likelihood"), List.copyOf(fit.history().epochs().get(0).terms().keySet()));
        assertTrue(fit.history().examplesProcessed() >= 3L * 100 * 10 * TRAIN.size(), "every leapfrog step is a full pass");
        double accuracy = PredictiveMeasures.accuracy(fit.predictive().sample(TEST.x(), 30), TEST.y());
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
        FitResult validated = trainer(small(Map.of()), 2).fit(TRAIN, TEST, TrainingListener.NONE);
        assertEquals("validation log-likelihood of each kept network", validated.extras().get("diagnostic_trace"));
    }

    @Test
    void aNonFiniteEnergyStopsTheRunNamingIterationAndLeapfrogStep() {
        DenseData bad = TinyData.make(20, 2, 2, 1);
        bad.x().data[3] = Float.NaN;
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> trainer(small(Map.of("chains", 1)), 1).fit(bad, null, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("hmc diverged at iteration 0, leapfrog step 0: "), e.getMessage());
    }

    @Test
    void itsTrainingPassesAreItsFullBatchGradientsForBalancingShards() {
        // 4 chains × ((200 warm-up + 25 samples × thinning 2) iterations × 20 leapfrog steps + 1)
        assertEquals(4.0 * (250 * 20 + 1), new HmcProvider().trainingPasses(params(Map.of())));
        assertEquals(2.0 * (250 * 5 + 1), new HmcProvider().trainingPasses(params(Map.of("chains", 2, "leapfrog_steps", 5))));
    }

    @Test
    void tooLargeAProblemIsRefusedUpFrontWithItsEstimatedCost() {
        RunShape uci = new RunShape(30, 2, 5000, 0, 1000, 32);
        CredenceInputException big = assertThrows(CredenceInputException.class,
                () -> new HmcProvider().preflight(params(Map.of("hidden", List.of(400))), uci));
        assertEquals("method 'hmc': the network has 13,202 parameters, more than the 10,000 that full-batch HMC is run "
                + "on; lower 'hidden'", big.getMessage());
        CredenceInputException slow = assertThrows(CredenceInputException.class, () -> new HmcProvider().preflight(
                params(Map.of("hidden", List.of(50), "samples", 1000, "leapfrog_steps", 100)), uci));
        // 4 × (200 + 1000 × 2) × 100 + 4 gradients × 5000 rows × 1652 parameters × 6 flops
        assertEquals("method 'hmc': estimated cost 43,613 GFLOP (4 chains × 2,200 iterations × 100 leapfrog steps × "
                + "5,000 training rows × 1,652 parameters × 6 flops) is above hmc's limit of 2,000 GFLOP; lower "
                + "'samples', 'thinning', 'warmup', 'chains', 'leapfrog_steps' (or 'trajectory_length') or 'hidden'",
                slow.getMessage());
        new HmcProvider().preflight(params(Map.of("hidden", List.of(50))), uci);
    }

    @Test
    void aSettingOfTheTrajectoryUnitNotChosenIsRefusedAndEpochsIsNoSettingOfHmc() {
        ResolvedParams unused = params(Map.of("trajectory", "time", "leapfrog_steps", 5));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new HmcProvider().create(unused, 1));
        assertEquals("method 'hmc': hyperparameter 'leapfrog_steps' = 5 applies only to trajectory steps, but "
                + "'trajectory' is time; leave it out or set 'trajectory' to steps", e.getMessage());
        assertThrows(CredenceInputException.class, () -> params(Map.of("epochs", 5)));
        var provenance = new HmcProvider().create(params(Map.of("trajectory", "time")), 1).getProvenance()
                .getConfiguredParameters().keySet();
        assertTrue(provenance.contains("trajectory_length") && !provenance.contains("leapfrog_steps")
                && !provenance.contains("epochs"), provenance.toString());
    }

    @Test
    void aTimeTrajectoryFollowsTheAdaptedStepSize() {
        Map<String, Object> values = small(Map.of("trajectory", "time", "trajectory_length", 1.5, "chains", 1));
        values.remove("leapfrog_steps");
        FitResult fit = trainer(values, 3).fit(TRAIN, null, TrainingListener.NONE);
        double eps = (Double) ((List<?>) fit.extras().get("step_size")).get(0);
        int steps = (Integer) ((List<?>) fit.extras().get("leapfrog_steps")).get(0);
        assertEquals(Math.max(1, Math.rint(1.5 / eps)), steps, 0.0);
    }

    @Test
    void theEstimateCountsWhatTheFitHolds() {
        FootprintProbe probe = FootprintProbe.run(new HmcProvider(), small(Map.of("chains", 1)), TRAIN, null, TEST, 10);
        long p = ((SnapshotPredictive) probe.fit().predictive()).snapshotBytes() / 10 / 4;
        probe.assertConsistent(p);
        assertEquals(4 * 10 * p, probe.footprint().bytes("posterior_samples"));
        assertEquals(8 * 6 * p, probe.footprint().bytes("sampler_state"));
        assertEquals(0, probe.footprint().bytes("chain_networks"));
    }
}
