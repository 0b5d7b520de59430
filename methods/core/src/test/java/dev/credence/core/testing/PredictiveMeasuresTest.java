package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.PredictiveSamples;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PredictiveMeasuresTest {
    @Test
    void accuracyTakesTheMeanOverSamplesAndBreaksTiesToTheLowerClass() {
        // row 0: mean (0.5, 0.5), a tie; row 1: mean (0.3, 0.7); row 2: mean (0.8, 0.2)
        PredictiveSamples s = new PredictiveSamples(3, 2, new float[][]{
                {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f},
                {0.1f, 0.9f, 0.4f, 0.6f, 0.9f, 0.1f}});
        assertEquals(1.0, PredictiveMeasures.accuracy(s, new int[]{0, 1, 0}));
        assertEquals(1.0 / 3, PredictiveMeasures.accuracy(s, new int[]{1, 1, 1}));
    }

    @Test
    void rowMajorAccuracyIsTheSameInFloatAndDouble() {
        DenseData test = TinyData.make(3, 2, 3, 1); // labels 0, 1, 2
        float[] probs = {0.2f, 0.5f, 0.3f, 0.1f, 0.8f, 0.1f, 0.4f, 0.4f, 0.2f};
        double[] wide = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            wide[i] = probs[i];
        }
        assertEquals(1.0 / 3, PredictiveMeasures.accuracy(probs, test));
        assertEquals(1.0 / 3, PredictiveMeasures.accuracy(wide, test));
    }

    @Test
    void mutualInformationIsZeroForOneSampleAndLnTwoForTwoSureSamplesThatDisagree() {
        PredictiveSamples one = new PredictiveSamples(2, 3, new float[][]{{0.2f, 0.3f, 0.5f, 0.6f, 0.3f, 0.1f}});
        assertEquals(0.0, PredictiveMeasures.meanMutualInformation(one), 0.0);
        PredictiveSamples disagree = new PredictiveSamples(1, 2, new float[][]{{1f, 0f}, {0f, 1f}});
        assertEquals(Math.log(2), PredictiveMeasures.meanMutualInformation(disagree), 1e-15);
    }
}
