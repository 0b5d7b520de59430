package dev.credence.methods.sgld;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SgldFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final DenseData VALIDATION = TinyData.make(40, 5, 3, 5);
    private static final DenseData TEST = TinyData.make(200, 5, 3, 2);
    private static final RunShape MNIST = new RunShape(784, 10, 50000, 10000, 10000, 32);

    private static ResolvedParams params(Map<String, ?> values) {
        return TestParams.resolve(new SgldProvider(), values);
    }

    /** 3 minibatches an epoch, one epoch after burn-in: 3 samples are all it can keep. */
    private static FootprintProbe probe(DenseData validation, Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(8, 6), "epochs", 2, "burn_in_epochs", 1,
                "batch_size", 32, "samples", 3, "step_sizes", List.of(1e-3)));
        values.putAll(extra);
        return FootprintProbe.run(new SgldProvider(), values, TRAIN, validation, TEST, 5);
    }

    private static long parameters(FootprintProbe probe) {
        SnapshotPredictive p = (SnapshotPredictive) probe.fit().predictive();
        return p.snapshotBytes() / p.size() / 4;
    }

    @Test
    void oneChainIsWhatTheFitHoldsPlusWhatTrainingDiscards() {
        for (boolean preconditioned : new boolean[]{false, true}) {
            FootprintProbe probe = probe(null, Map.of("preconditioned", preconditioned));
            long p = parameters(probe);
            probe.assertConsistent(p);
            assertEquals(4 * 3 * p, probe.footprint().bytes("posterior_samples"));
            assertEquals(4L * 4096 + (preconditioned ? 4 * p : 0), probe.footprint().bytes(Footprint.OPTIMIZER_STATE));
            assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH), probe.heldBytes(),
                    probe.footprint().toString());
        }
    }

    @Test
    void selectingAStepSizeKeepsEveryCandidateForTheSweepAndCountsIt() {
        FootprintProbe probe = probe(VALIDATION, Map.of("step_sizes", List.of(1e-3, 3e-3, 2e-3)));
        long p = parameters(probe);
        probe.assertConsistent(p);
        Footprint f = probe.footprint();
        assertEquals(3 * 4 * 3 * p, f.bytes("posterior_samples"));
        assertEquals(4L * 3 * 40 * 3 + 8L * 40 * 3 + 16L * 40, f.bytes("validation_predictions"));
        assertEquals(3, probe.fit().sweep("step_size").orElseThrow().points().size());
        // once the fit returns and the test set is predicted, every candidate is held: its network with its layer
        // buffers and last chunk, and its samples; what training and selection used is garbage
        assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH, "validation_predictions"),
                probe.heldBytes(), f.toString());
    }

    @Test
    void moreSamplesThanUpdatesAfterBurnInAreRefusedAtPreflight() {
        // 20 epochs of 391 minibatches, 19 of them after burn-in: 7,429 updates
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new SgldProvider().preflight(
                params(Map.of("epochs", 20, "burn_in_epochs", 1, "samples", 7430)), MNIST));
        assertEquals("method 'sgld': hyperparameter 'samples' = 7430 needs as many updates after burn-in, but "
                + "epochs − burn_in_epochs = 19 epochs × 391 minibatches = 7429", e.getMessage());
        new SgldProvider().preflight(params(Map.of("epochs", 20, "burn_in_epochs", 1, "samples", 7429)), MNIST);
    }

    @Test
    void aSampleLargerThanAnArrayIsRefusedAtPreflight() {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new SgldProvider().preflight(
                params(Map.of("hidden", List.of(40000, 40000, 40000))), MNIST));
        assertEquals("method 'sgld': one posterior sample would be 3,231,880,010 elements, more than one Java array holds "
                + "(2,147,483,639); lower 'hidden'", e.getMessage());
    }

    @Test
    void validationPredictionsMustFitWhenStepSizesAreSelected() {
        RunShape hugeValidation = new RunShape(784, 1000, 50000, 3_000_000, 10000, 32);
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new SgldProvider().preflight(params(Map.of()), hugeValidation));
        assertTrue(e.getMessage().contains("one sample of the predictive's probabilities on the validation set would be "
                + "3,000,000 × 1,000"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use a smaller validation set"), e.getMessage());
        // one step size: no chain is scored on the validation set
        new SgldProvider().preflight(params(Map.of("step_sizes", List.of(1e-5))), hugeValidation);
    }
}
