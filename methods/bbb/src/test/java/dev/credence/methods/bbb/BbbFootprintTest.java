package dev.credence.methods.bbb;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.RunShape;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.TestParams;
import dev.credence.core.testing.TinyData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BbbFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final DenseData TEST = TinyData.make(200, 5, 3, 2);

    @ParameterizedTest
    @CsvSource({"local_reparam, gaussian", "sampled_weights, gaussian", "sampled_weights, scale_mixture",
            "flipout, gaussian", "flipout, scale_mixture"})
    void estimateIsTheArraysTheFitHoldsPlusWhatTrainingDiscards(String estimator, String prior) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(8, 6), "epochs", 1, "batch_size", 32,
                "test_samples", 4, "estimator", estimator, "prior", prior, "train_samples", 2));
        FootprintProbe probe = FootprintProbe.run(new BbbProvider(), values, TRAIN, null, TEST, 4);
        long scalars = ((NetworkPredictive) probe.fit().predictive()).network().parameterCount();
        long p = 8 * 6 + 6 + 5 * 8 + 8 + 6 * 3 + 3;
        assertEquals(2 * p, scalars, "μ and ρ of every weight and bias");
        probe.assertConsistent(scalars);
        assertEquals(4 * 2 * scalars, probe.footprint().bytes(Footprint.OPTIMIZER_STATE));
        long held = probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH);
        if (estimator.equals("local_reparam")) {
            // the first local-reparameterization layer keeps its last training input: the minibatch rows
            held += 4L * 32 * 5;
            assertEquals(4 * 6 * p, probe.footprint().bytes("posterior_caches"), "σ, σ', ρ copy, σ², ε, w");
        } else {
            assertEquals(4 * 5 * p, probe.footprint().bytes("posterior_caches"), "σ, σ', ρ copy, ε, w (or Δw)");
        }
        if (estimator.equals("flipout")) {
            // S and X∘S per layer (32 × in), R and (X∘S)·ΔW (32 × out): in = 5, 8, 6 and out = 8, 6, 3
            assertEquals(4L * (2 * 32 * (5 + 8 + 6) + 2 * 32 * (8 + 6 + 3)), probe.footprint().bytes("flipout"));
        }
        assertEquals(held, probe.heldBytes(), probe.footprint().toString());
    }

    @Test
    void anInvalidCombinationIsRefusedAtPreflight() {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new BbbProvider().preflight(
                TestParams.resolve(new BbbProvider(), Map.of("estimator", "local_reparam", "prior", "scale_mixture")),
                new RunShape(5, 3, 96, 0, 200, 4)));
        assertTrue(e.getMessage().contains("'estimator' = local_reparam"), e.getMessage());
    }
}
