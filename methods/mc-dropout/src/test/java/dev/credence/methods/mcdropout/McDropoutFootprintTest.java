package dev.credence.methods.mcdropout;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.testing.FootprintProbe;
import dev.credence.core.testing.TinyData;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class McDropoutFootprintTest {
    private static final DenseData TRAIN = TinyData.make(96, 5, 3, 1);
    private static final DenseData TEST = TinyData.make(200, 5, 3, 2);

    private static FootprintProbe probe(Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("hidden", List.of(8, 6), "epochs", 1, "batch_size", 32,
                "test_samples", 4));
        values.putAll(extra);
        return FootprintProbe.run(new McDropoutProvider(), values, TRAIN, null, TEST, 4);
    }

    private static long parameters(FootprintProbe probe) {
        return ((NetworkPredictive) probe.fit().predictive()).network().parameterCount();
    }

    @Test
    void hiddenDropoutAddsAMaskPerHiddenUnitAndTheEstimateIsWhatIsHeldPlusWhatTrainingDiscards() {
        FootprintProbe probe = probe(Map.of());
        probe.assertConsistent(parameters(probe));
        // masks for the larger of a minibatch (32) and the test chunk (200)
        assertEquals(4L * 200 * (8 + 6), probe.footprint().bytes("dropout_masks"));
        assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH), probe.heldBytes(),
                probe.footprint().toString());
    }

    @Test
    void inputDropoutAddsItsMaskAndTheFirstLayersInputGradient() {
        FootprintProbe probe = probe(Map.of("input_dropout", 0.1));
        probe.assertConsistent(parameters(probe));
        assertEquals(4L * 200 * (8 + 6 + 5), probe.footprint().bytes("dropout_masks"));
        // with input dropout first, the first dense layer keeps the dropout's output, not the test chunk
        assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH, Footprint.PREDICTION_CHUNK),
                probe.heldBytes(), probe.footprint().toString());
    }

    @Test
    void withoutDropoutItIsTheDenseNetwork() {
        FootprintProbe probe = probe(Map.of("dropout", 0.0));
        probe.assertConsistent(parameters(probe));
        assertEquals(0, probe.footprint().bytes("dropout_masks"));
        assertEquals(probe.totalWithout(Footprint.OPTIMIZER_STATE, Footprint.MINIBATCH), probe.heldBytes());
    }
}
