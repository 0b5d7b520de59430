package dev.credence.methods.map;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.ThreadAllocation;
import dev.credence.core.testing.TinyData;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final DenseData TEST = TinyData.make(200, 5, 3, 2);
    /** MNIST-like: 784 features, 10 classes. */
    private static final RunShape MNIST = new RunShape(784, 10, 50000, 10000, 10000, 1);

    private static ResolvedParams params(Map<String, ?> values) {
        return TestParams.resolve(new MapProvider(), values);
    }

    private static FootprintProbe probe(Map<String, ?> extra, DenseData test) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(8, 6), "epochs", 1, "batch_size", 32));
        values.putAll(extra);
        return FootprintProbe.run(new MapProvider(), values, TRAIN, null, test, 4);
    }

    @Test
    void estimateIsTheArraysTheFitHoldsPlusWhatTrainingDiscards() {
        // a test chunk of 200 rows is larger than the minibatch of 32 (the layers' outputs grow to it), and smaller
        for (DenseData test : List.of(TEST, TinyData.make(20, 5, 3, 3))) {
            FootprintProbe probe = probe(Map.of(), test);
            long p = ((NetworkPredictive) probe.fit().predictive()).network().parameterCount();
            assertEquals(8 * 6 + 6 + 5 * 8 + 8 + 6 * 3 + 3, p);
            probe.assertConsistent(p);
            assertEquals(2 * 4 * p, probe.footprint().bytes(Footprint.OPTIMIZER_STATE), "Adam: m and v");
            // once the fit returns, Adam's moments and the loop's buffers are garbage; the network holds the rest exactly
            assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH), probe.heldBytes(),
                    probe.footprint().toString());
        }
    }

    @Test
    void optimizerStateFollowsTheOptimizer() {
        FootprintProbe momentum = probe(Map.of("optimizer", "sgd", "momentum", 0.9), TEST);
        long p = ((NetworkPredictive) momentum.fit().predictive()).network().parameterCount();
        momentum.assertConsistent(p);
        assertEquals(4 * p, momentum.footprint().bytes(Footprint.OPTIMIZER_STATE));
        FootprintProbe plain = probe(Map.of("optimizer", "sgd"), TEST);
        plain.assertConsistent(p);
        assertEquals(0, plain.footprint().bytes(Footprint.OPTIMIZER_STATE));
    }

    @Test
    void aWeightMatrixLargerThanAnArrayIsRefusedNamingLayerAndProduct() {
        // inside the declared range of 'hidden', but 46,341² > 2³¹ − 1: EJML's "Matrix size exceeds the size of an integer"
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new MapProvider().preflight(params(Map.of("hidden", List.of(46341, 46341))), MNIST));
        assertEquals("method 'map': layer 1's weight matrix would be 46,341 × 46,341 = 2,147,488,281 elements, "
                + "more than one Java array holds (2,147,483,639); lower 'hidden'", e.getMessage());
    }

    @Test
    void preflightOfAHugeNetworkAllocatesLittleAndFindsItHuge() {
        ResolvedParams huge = params(Map.of("hidden", List.of(20000, 20000)));
        MapProvider provider = new MapProvider();
        Footprint footprint = provider.preflight(huge, MNIST);
        long p = 785L * 20000 + 20001L * 20000 + 20001L * 10;
        assertEquals(4 * p, footprint.bytes(Footprint.PARAMETERS));
        assertTrue(footprint.total() > 1_600_000_000L, footprint.toString());
        assertTrue(footprint.total() >= 16 * p, "values, gradients and Adam's two moments: " + footprint);
        long bytes = ThreadAllocation.bytes();
        for (int i = 0; i < 1000; i++) {
            provider.preflight(huge, MNIST);
        }
        assertTrue(ThreadAllocation.atMost(bytes, 1000L * 64 * 1024), "at most 64 KiB allocated per preflight");
    }

    @Test
    void aFitWhoseEstimateExceedsTheHeapIsRefusedBeforeTraining() {
        long bytes = ThreadAllocation.bytes();
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new MapProvider().create(Map.of("hidden", List.of(20000, 20000)), 1)
                        .fit(TinyData.make(64, 784, 10, 4), null, TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("method 'map': needs an estimated "), e.getMessage());
        assertTrue(e.getMessage().contains("the largest term, optimizer_state, scales with 'hidden'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(ThreadAllocation.atMost(bytes, 64L << 20), "refused without allocating the network (1.6 GB)");
    }
}
