package dev.credence.methods.prunedbbb;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunedBbbFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final DenseData TEST = TinyData.make(200, 5, 3, 2);
    private static final RunShape MNIST = new RunShape(784, 10, 50000, 10000, 10000, 32);

    private static ResolvedParams params(Map<String, ?> values) {
        return TestParams.resolve(new PrunedBbbProvider(), values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local_reparam", "sampled_weights", "flipout"})
    void theVariantsAreWhatTheFitHolds(String estimator) {
        FootprintProbe probe = FootprintProbe.run(new PrunedBbbProvider(), Map.of("hidden", List.of(8, 6), "epochs", 1,
                "batch_size", 32, "test_samples", 4, "estimator", estimator, "fractions", List.of(0.0, 0.5, 0.9),
                "headline_fraction", 0.5), TRAIN, null, TEST, 4);
        long scalars = ((NetworkPredictive) probe.fit().predictive()).network().parameterCount();
        probe.assertConsistent(scalars);
        // only the three variants outlive the fit; each pruned one holds a removed flag per weight of every layer it
        // removed weights from, which the estimate takes to be all of them
        long variants = probe.footprint().bytes("variant_networks");
        long weights = 8 * 6 + 5 * 8 + 6 * 3;
        assertTrue(probe.heldBytes() <= variants && probe.heldBytes() >= variants - 2 * weights,
                probe.heldBytes() + " held, " + variants + " estimated for the variants");
        assertEquals(3 * 16 * (scalars / 2), probe.footprint().bytes("network_copies"), "3 × 16 bytes per random variable");
    }

    @Test
    void aRankingLargerThanAnArrayIsRefusedBeforeTraining() {
        // every weight matrix fits (40,000² = 1.6·10⁹), their 3.2·10⁹ weights do not fit in one ranking
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new PrunedBbbProvider().preflight(params(Map.of("hidden", List.of(40000, 40000, 40000))), MNIST));
        assertEquals("method 'pruned-bbb': the SNR ranking of all weights would be 3,231,760,000 elements, "
                + "more than one Java array holds (2,147,483,639); lower 'hidden'", e.getMessage());
    }

    @Test
    void aCopyLargerThanAByteArrayIsRefusedBeforeTraining() {
        // 153,552,010 random variables: μ, ρ and their gradients are 2,456,832,160 bytes to serialize
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> new PrunedBbbProvider().preflight(params(Map.of("hidden", List.of(12000, 12000))), MNIST));
        assertTrue(e.getMessage().startsWith("method 'pruned-bbb': the byte array of a serialized copy of the trained network "
                + "would be 2,456,832,160 elements"), e.getMessage());
        assertTrue(e.getMessage().endsWith("lower 'hidden'"), e.getMessage());
    }

    @Test
    void everyVariantCounts() {
        Footprint three = new PrunedBbbProvider().preflight(params(Map.of("fractions", List.of(0.0, 0.5, 0.9),
                "headline_fraction", 0.5)), MNIST);
        Footprint six = new PrunedBbbProvider().preflight(params(Map.of()), MNIST);
        // the default six fractions, five of them removing weights
        long weights = 784 * 400 + 400 * 400 + 400 * 10;
        assertEquals(2 * three.bytes("variant_networks") + weights, six.bytes("variant_networks"));
        assertEquals(three.bytes(Footprint.PARAMETERS), six.bytes(Footprint.PARAMETERS));
    }
}
