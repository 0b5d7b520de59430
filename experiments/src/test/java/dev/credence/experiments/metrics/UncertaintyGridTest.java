package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

class UncertaintyGridTest {

    private static final double LN2 = 0.69315; // ln 2 rounded to 1e-5

    /** Two samples: left of x = 0.5 they disagree completely ((1,0) vs (0,1)), from 0.5 on both say (0.5, 0.5). */
    private static final class Disagreeing implements Predictive {
        FMatrixRMaj seen;

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public boolean stochastic() {
            return true;
        }

        /** Test predictive defined by its probabilities: its logits are their logarithms. */
        @Override
        public dev.credence.core.spi.LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
            return dev.credence.core.spi.LogitSamples.ofProbabilities(sample(x, samples));
        }

        @Override
        public PredictiveSamples sample(FMatrixRMaj x, int samples) {
            seen = x.copy();
            float[][] p = new float[2][2 * x.numRows];
            for (int i = 0; i < x.numRows; i++) {
                boolean left = x.get(i, 0) < 0.5f;
                p[0][2 * i] = left ? 1f : 0.5f;
                p[0][2 * i + 1] = left ? 0f : 0.5f;
                p[1][2 * i] = left ? 0f : 0.5f;
                p[1][2 * i + 1] = left ? 1f : 0.5f;
            }
            return new PredictiveSamples(x.numRows, 2, p);
        }
    }

    private static DenseData train() {
        FMatrixRMaj x = new FMatrixRMaj(new float[][] {{0f, 0f}, {1f, 2f}, {0.5f, 1f}});
        return new DenseData(x, new int[] {0, 1, 0}, List.of("a", "b"), List.of("x1", "x2"));
    }

    @Test
    void gridOverTheWidenedBoundingBox() {
        Disagreeing p = new Disagreeing();
        UncertaintyGrid.Grid o = UncertaintyGrid.compute(p, train(), 2, 3, 2);
        // x in [0, 1] widened by 0.1 on each side -> -0.1, 0.5, 1.1; y in [0, 2] -> -0.2, 1.0, 2.2
        assertEquals(-0.1, o.x()[0], 1e-9);
        assertEquals(0.5, o.x()[1], 1e-9);
        assertEquals(1.1, o.x()[2], 1e-9);
        assertEquals(-0.2, o.y()[0], 1e-9);
        assertEquals(2.2, o.y()[2], 1e-9);
        // row-major: point r*R + c is (x_c, y_r)
        assertEquals(9, p.seen.numRows);
        assertEquals(1.1f, p.seen.get(5, 0), 1e-6f);
        assertEquals(1.0f, p.seen.get(5, 1), 1e-6f);
        assertEquals(2, o.samples());
        assertEquals(Math.log(2), o.maxEntropy(), 1e-15);
        double[][] h = o.entropy();
        double[][] mi = o.mutualInformation();
        assertEquals(3, h.length);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(LN2, h[r][c], 0.0);
                // left column: the samples disagree -> MI = ln 2; elsewhere they agree -> 0
                assertEquals(c == 0 ? LN2 : 0.0, mi[r][c], 0.0);
            }
        }
        // 2 of 3 points, strided: rows 0 and 1
        assertEquals(3, o.pointsTotal());
        assertEquals(2, o.pointX().length);
        assertEquals(1.0, o.pointX()[1], 0.0);
        assertEquals(2.0, o.pointY()[1], 0.0);
        assertEquals(1, o.pointLabel()[1]);
        assertEquals("x2", o.features().get(1));
    }

    @Test
    void defaultsAndApplicability() {
        UncertaintyGrid.Grid o = UncertaintyGrid.compute(new Disagreeing(), train(), 2);
        assertEquals(60, o.resolution());
        assertEquals(60, o.entropy().length);
        assertEquals(60, o.entropy()[59].length);
        assertEquals(3, o.pointX().length);
        assertTrue(UncertaintyGrid.applies(train()));
        DenseData oneD = new DenseData(new FMatrixRMaj(new float[][] {{0f}}), new int[] {0}, List.of("a", "b"),
                List.of("x"));
        assertFalse(UncertaintyGrid.applies(oneD));
        assertThrows(IllegalArgumentException.class, () -> UncertaintyGrid.compute(new Disagreeing(), oneD, 2));
    }
}
