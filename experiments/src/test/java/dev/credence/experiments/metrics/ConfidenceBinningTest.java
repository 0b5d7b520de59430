package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceBinningTest {

    @Test
    void valuesOnEdgesGoToTheLowerBin() {
        // 9/15.0 is the same double as the literal 0.6, so 0.6 <= 9/15.0 and 0.6 > 8/15.0: bin 9.
        assertEquals(9, ConfidenceBinning.binOf(0.6, 15));
        assertEquals(10, ConfidenceBinning.binOf(Math.nextUp(0.6), 15));
        assertEquals(9, ConfidenceBinning.binOf(Math.nextDown(0.6), 15));
        assertEquals(1, ConfidenceBinning.binOf(1.0 / 15, 15)); // 1/15 <= 1/15.0
        assertEquals(2, ConfidenceBinning.binOf(Math.nextUp(1.0 / 15), 15));
        assertEquals(1, ConfidenceBinning.binOf(0.0, 15)); // c = 0 goes to bin 1
        assertEquals(15, ConfidenceBinning.binOf(1.0, 15)); // 1.0 <= 15/15.0
        assertEquals(6, ConfidenceBinning.binOf(0.4, 15)); // 6/15.0 == 0.4
        assertEquals(3, ConfidenceBinning.binOf(0.2, 15)); // 3/15.0 == 0.2
        assertEquals(12, ConfidenceBinning.binOf(0.8, 15)); // 12/15.0 == 0.8
        assertEquals(5, ConfidenceBinning.binOf(1.0 / 3, 15)); // 5/15.0 == 1/3.0
        assertEquals(10, ConfidenceBinning.binOf(2.0 / 3, 15)); // 10/15.0 == 2/3.0
        assertEquals(14, ConfidenceBinning.binOf(14.0 / 15, 15));
        assertEquals(2, ConfidenceBinning.binOf(0.1, 15)); // 1/15 = 0.0667 < 0.1 <= 2/15 = 0.1333
        assertEquals(3, ConfidenceBinning.binOf(0.3, 10)); // 3/10.0 == 0.3
        assertEquals(7, ConfidenceBinning.binOf(0.7, 10)); // 7/10.0 == 0.7
        assertEquals(1, ConfidenceBinning.binOf(0.5, 1));
        assertEquals(1, ConfidenceBinning.binOf(0.5, 2)); // 0.5 <= 1/2.0
        assertEquals(2, ConfidenceBinning.binOf(Math.nextUp(0.5), 2));
    }

    @Test
    void agreesWithTheLiteralDefinitionOnRandomAndEdgeValues() {
        Random rnd = new Random(7);
        for (int bins : new int[] {1, 2, 3, 7, 10, 15, 20, 100}) {
            for (int t = 0; t < 20_000; t++) {
                double c;
                if (t % 3 == 0) {
                    int j = rnd.nextInt(bins + 1);
                    double edge = j / (double) bins;
                    int shift = rnd.nextInt(3) - 1;
                    c = shift < 0 ? Math.nextDown(edge) : shift > 0 ? Math.nextUp(edge) : edge;
                    c = Math.min(1.0, Math.max(0.0, c));
                } else {
                    c = rnd.nextDouble();
                }
                int expected = -1;
                for (int b = 1; b <= bins; b++) {
                    if (c <= b / (double) bins) {
                        expected = b;
                        break;
                    }
                }
                assertEquals(expected, ConfidenceBinning.binOf(c, bins), "c = " + c + ", B = " + bins);
            }
        }
    }

    @Test
    void edgesOfBins() {
        assertEquals(8 / 15.0, ConfidenceBinning.lowerEdge(9, 15));
        assertEquals(0.6, ConfidenceBinning.upperEdge(9, 15));
        assertEquals(0.0, ConfidenceBinning.lowerEdge(1, 15));
        assertEquals(1.0, ConfidenceBinning.upperEdge(15, 15));
    }

    @Test
    void rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ConfidenceBinning.binOf(-0.1, 15));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceBinning.binOf(Math.nextUp(1.0), 15));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceBinning.binOf(Double.NaN, 15));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceBinning.binOf(0.5, 0));
    }
}
