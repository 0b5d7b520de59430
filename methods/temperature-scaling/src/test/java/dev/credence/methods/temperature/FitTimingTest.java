package dev.credence.methods.temperature;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fits a 10 000 × 10 validation set and prints the wall time of each fit; asserts correctness only, never time. */
class FitTimingTest {
    @Test
    void tenThousandByTenFits() {
        Rng rng = new Rng(31);
        FMatrixRMaj truth = SyntheticLogits.gaussian(10_000, 10, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        CalibrationSet set = CalibrationSet.point(SyntheticLogits.scale(truth, 2), labels, ExampleWeighting.UNIFORM.weights(labels));
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            CalibrationFit<TemperatureScaling> temperature = TemperatureScaling.fit(set);
            long middle = System.nanoTime();
            CalibrationFit<VectorScaling> vector = VectorScaling.fit(set);
            long end = System.nanoTime();
            assertTrue(temperature.converged() && vector.converged());
            System.out.printf("10000×10 fit (%s JVM): temperature %.1f ms (%d evaluations, T = %.4f), vector %.1f ms (%d iterations)%n",
                    round == 0 ? "cold" : "warm", (middle - start) / 1e6, temperature.evaluations(),
                    temperature.scaling().temperature(), (end - middle) / 1e6, vector.evaluations());
        }
    }
}
