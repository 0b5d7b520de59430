package dev.credence.methods.bbb;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KlWeightingTest {

    @Test
    void blundellSharesSumToOneAndAreFiniteUpToAThousandMinibatches() {
        for (int m : new int[]{1, 2, 3, 10, 64, 400, 469, 1000}) {
            double sum = 0;
            double previous = Double.POSITIVE_INFINITY;
            for (int i = 1; i <= m; i++) {
                double pi = KlWeighting.blundellShare(i, m);
                assertTrue(Double.isFinite(pi) && pi >= 0 && pi <= 1, "π_" + i + " of " + m + " = " + pi);
                assertTrue(pi <= previous, "shares must not increase");
                previous = pi;
                sum += pi;
            }
            assertEquals(1.0, sum, 1e-12, "M = " + m);
        }
        assertEquals(1.0, KlWeighting.blundellShare(1, 1), 0);
        assertEquals(2.0 / 3, KlWeighting.blundellShare(1, 2), 1e-15);
        assertEquals(1.0 / 3, KlWeighting.blundellShare(2, 2), 1e-15);
        assertEquals(0.5, KlWeighting.blundellShare(1, 1000), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> KlWeighting.blundellShare(0, 5));
    }

    @Test
    void bothSchemesPutOneWholeKlIntoAnEpochOnTheSummedScale() {
        int n = 1000;
        int b = 128;
        int m = (n + b - 1) / b;
        for (KlWeighting w : KlWeighting.values()) {
            double total = 0;
            for (int i = 1; i <= m; i++) {
                int size = Math.min(b, n - (i - 1) * b);
                total += size * w.lossFactor(i, m, size, n);
            }
            assertEquals(1.0, total, 1e-12, w.key());
        }
        assertEquals(1.0 / n, KlWeighting.uniform.lossFactor(3, m, b, n), 0);
    }
}
