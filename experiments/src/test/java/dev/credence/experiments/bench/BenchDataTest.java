package dev.credence.experiments.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchDataTest {
    @Test
    void theStandInHasTheProtocolShapeAndIsSeeded() {
        BenchData a = BenchData.synthetic(50, 3);
        BenchData b = BenchData.synthetic(50, 3);
        assertEquals("synthetic", a.description());
        assertEquals(50, a.data().size());
        assertEquals(784, a.data().numFeatures());
        assertEquals(10, a.data().numClasses());
        assertArrayEquals(a.data().x().data, b.data().x().data);
        assertArrayEquals(a.data().y(), b.data().y());
        double sum = 0;
        for (float v : a.data().x().data) {
            sum += v;
        }
        assertEquals(0, sum / a.data().x().data.length, 1e-4, "standardized");
        assertEquals(7, a.firstRows(7).numRows);
    }

    @Test
    void loadGivesTheRowsAskedFor() {
        BenchData d = BenchData.load(30, 1);
        assertEquals(30, d.data().size());
        assertEquals(784, d.data().numFeatures());
        assertTrue(d.description().equals("fashion-mnist") || d.description().equals("synthetic"));
    }
}
