package dev.credence.methods.temperature;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A validation set of the size the harness fits on (10 000 × 10): both scalings converge to the generating scale. */
class LargeSetFitTest {
    @Test
    void tenThousandByTenConverges() {
        Rng rng = new Rng(31);
        FMatrixRMaj truth = SyntheticLogits.gaussian(10_000, 10, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        CalibrationSet set = CalibrationSet.point(SyntheticLogits.scale(truth, 2), labels, ExampleWeighting.UNIFORM.weights(labels));
        CalibrationFit<TemperatureScaling> temperature = TemperatureScaling.fit(set);
        CalibrationFit<VectorScaling> vector = VectorScaling.fit(set);
        assertTrue(temperature.converged() && vector.converged());
        assertEquals(2.0, temperature.scaling().temperature(), 0.1);
        assertTrue(vector.nll() <= temperature.nll() + 1e-9, "vector scaling nests temperature scaling");
    }
}
