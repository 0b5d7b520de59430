package dev.credence.methods.temperature;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CalibrationSetTest {
    @Test
    void balancedWeightsGiveEveryPresentClassTheSameTotal() {
        // class 1 is absent: C = 2 present classes, n_0 = 3, n_2 = 1
        int[] labels = {0, 2, 0, 0};
        assertArrayEquals(new double[]{1 / 6.0, 1 / 2.0, 1 / 6.0, 1 / 6.0}, ExampleWeighting.BALANCED.weights(labels), 1e-16);
        assertArrayEquals(new double[]{0.25, 0.25, 0.25, 0.25}, ExampleWeighting.UNIFORM.weights(labels), 0);
        // equal counts: balanced is uniform
        assertArrayEquals(ExampleWeighting.UNIFORM.weights(new int[]{1, 0, 2, 2, 0, 1}),
                ExampleWeighting.BALANCED.weights(new int[]{1, 0, 2, 2, 0, 1}), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> ExampleWeighting.BALANCED.weights(new int[0]));
    }

    @Test
    void normalisesWeightsAndCopiesItsInputs() {
        FMatrixRMaj z = new FMatrixRMaj(2, 2, true, 1f, 2f, 3f, 4f);
        int[] labels = {0, 1};
        CalibrationSet set = CalibrationSet.point(z, labels, new double[]{1, 3});
        z.data[0] = 99;
        labels[0] = 1;
        assertEquals(1f, set.logits(0)[0]);
        assertEquals(0, set.labels()[0]);
        assertArrayEquals(new double[]{0.25, 0.75}, set.weights(), 0);
        assertEquals(1, set.sampleCount());
        assertEquals(2, set.size());
        assertEquals(2, set.numClasses());
    }

    @Test
    void refusesMalformedSets() {
        FMatrixRMaj z = new FMatrixRMaj(2, 2);
        double[] w = {1, 1};
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(new FMatrixRMaj(2, 2, true, 0f, Float.NEGATIVE_INFINITY, 0f, 0f),
                new int[]{0, 1}, w));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(z, new int[]{0, 2}, w));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(z, new int[]{0, 1}, new double[]{1, -1}));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(z, new int[]{0, 1}, new double[]{0, 0}));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(z, new int[]{0}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.point(new FMatrixRMaj(2, 1), new int[]{0, 0}, w));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.sampled(List.of(z, new FMatrixRMaj(3, 2)), new int[]{0, 1}, w));
        assertThrows(IllegalArgumentException.class, () -> CalibrationSet.sampled(List.of(), new int[0], new double[0]));
    }
}
