package dev.credence.methods.prunedbbb;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.testing.TinyImages;
import dev.credence.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pruned-bbb on a convolutional architecture: kernels and dense weights are pruned from one ranking. */
class PrunedBbbCnnTest {

    @Test
    void aCnnIsPrunedOverItsKernelsAndDenseWeightsTogether() {
        DenseData train = TinyImages.make(200, 12, 4, 1);
        Map<String, Object> p = new HashMap<>(Map.of("architecture", List.of(Map.of("conv", 4, "kernel", 3, "padding", 1),
                        Map.of("maxpool", 2), Map.of("dense", 8)), "epochs", 1, "batch_size", 50, "test_samples", 2,
                "fractions", List.of(0.0, 0.5), "headline_fraction", 0.5));
        FitResult fit = new PrunedBbbProvider().create(p, 3).fit(train, null, TrainingListener.NONE);
        // weights: 9·4 kernel entries, 144·8 and 8·4 dense; biases 4 + 8 + 4
        int weights = 36 + 144 * 8 + 8 * 4;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) fit.extras().get("pruning");
        assertEquals(weights / 2, ((Number) curve.get(1).get("removed_weights")).intValue());
        assertEquals(weights - weights / 2 + 16, ((Number) curve.get(1).get("kept_parameters")).intValue());
    }
}
