package dev.credence.experiments.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlopsTest {
    @Test
    void protocolNetworkCountsByHand() {
        List<Integer> w = Flops.widths(784, List.of(400, 400), 10);
        assertEquals(List.of(784, 400, 400, 10), w);
        // weights: 784·400 + 400·400 + 400·10 = 313600 + 160000 + 4000 = 477600
        assertEquals(2L * 477_600, Flops.forwardPerExample(w));
        // 6 · 477600 − 2 · 313600 (first layer's input gradient is not computed) = 2865600 − 627200
        assertEquals(2_238_400L, Flops.trainingPerExample(w));
    }

    @Test
    void aSingleLayerHasNoInputGradient() {
        List<Integer> w = Flops.widths(3, List.of(), 2);
        assertEquals(12, Flops.forwardPerExample(w));
        assertEquals(24, Flops.trainingPerExample(w));
    }
}
