package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.kernel.Sgemm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvBenchmarkTest {

    @Test
    void timesTheForwardAndBackwardPassOfEveryConvolutionKind() {
        int saved = Sgemm.threads();
        List<ObjectNode> lines;
        try {
            lines = new ConvBenchmark(4, 1, 1).measure(List.of(
                    new ConvBenchmark.Case("conv2", new ConvGeometry(2, 6, 6, 3, 3, 2, 1, 1), true)));
        } finally {
            Sgemm.setThreads(saved);
        }
        assertEquals(8, lines.size());
        List<String> kinds = lines.stream().map(o -> o.get("kernel").asText()).distinct().toList();
        assertEquals(List.of("credence-conv", "credence-bayes-conv-sampled_weights", "credence-bayes-conv-local_reparam",
                "credence-bayes-conv-flipout"), kinds);
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode o = lines.get(i);
            assertEquals(i % 2 == 0 ? "conv-forward" : "conv-backward", o.get("op").asText(), o.toString());
            assertEquals("conv 2x6x6 → 3@3x2 stride 1 padding 1", o.get("shape").asText());
            assertTrue(o.get("gflops").asDouble() > 0 && o.get("ms").asDouble() > 0 && o.get("cpu_ms").asDouble() > 0, o.toString());
            assertEquals(1, o.get("runs").size());
        }
        assertEquals("conv2 backward (parameter and input gradients)", lines.get(1).get("what").asText());
        // ms and GFLOP/s describe the same call: the backward pass counts two products (weights and input) of 2·B·P·K·C_out
        ObjectNode back = lines.get(1);
        double flops = 2 * 2.0 * 4 * (6 * 7) * 12 * 3; // P = 6·7 positions, K = 2·3·2
        assertEquals(flops / back.get("gflops").asDouble() / 1e6, back.get("ms").asDouble(), 0.01 * back.get("ms").asDouble());
    }

    @Test
    void lenet5HasItsTwoConvolutionsAndOnlyTheSecondNeedsItsInputGradient() {
        List<ConvBenchmark.Case> cases = ConvBenchmark.lenet5();
        assertEquals("1x28x28 → 6@5x5 stride 1 padding 2", cases.get(0).label());
        assertEquals(28 * 28, cases.get(0).geometry().positions());
        assertEquals(10 * 10, cases.get(1).geometry().positions());
        assertEquals(List.of(false, true), cases.stream().map(ConvBenchmark.Case::inputGrad).toList());
    }
}
