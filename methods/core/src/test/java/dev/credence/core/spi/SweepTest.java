package dev.credence.core.spi;

import dev.credence.core.train.TrainingHistory;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    /** A predictive that is never sampled here. */
    record Dummy(int k) implements Predictive {
        @Override
        public int numClasses() {
            return k;
        }

        @Override
        public boolean stochastic() {
            return false;
        }

        @Override
        public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void keepsTheDeclaredOrderAndFindsPointsByValue() {
        Predictive a = new Dummy(2);
        Predictive b = new Dummy(3);
        List<Sweep.Point> points = new ArrayList<>(List.of(new Sweep.Point(0.5, a), new Sweep.Point(0, b)));
        Sweep s = new Sweep("pruned_fraction", null, points);
        points.clear();
        assertEquals(2, s.points().size(), "the points are copied");
        assertEquals("", s.description());
        assertArrayEquals(new double[] {0.5, 0}, s.values(), 0);
        assertSame(a, s.at(0.5));
        assertSame(b, s.at(0));
        assertThrows(IllegalArgumentException.class, () -> s.at(0.25));
    }

    @Test
    void refusesBadAxesValuesAndDuplicates() {
        Predictive p = new Dummy(2);
        assertThrows(IllegalArgumentException.class, () -> new Sweep("prune=", "", List.of(new Sweep.Point(0, p))));
        assertThrows(IllegalArgumentException.class, () -> new Sweep("a b", "", List.of(new Sweep.Point(0, p))));
        assertThrows(IllegalArgumentException.class, () -> new Sweep("members", "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Point(Double.NaN, p));
        assertThrows(NullPointerException.class, () -> new Sweep.Point(1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Sweep("members", "", List.of(new Sweep.Point(1, p), new Sweep.Point(1, p))));
        assertThrows(IllegalArgumentException.class,
                () -> new Sweep("x", "", List.of(new Sweep.Point(0.0, p), new Sweep.Point(-0.0, p))));
    }

    @Test
    void aLogScaleAxisIsDeclaredAndNeedsPositiveValues() {
        Predictive p = new Dummy(2);
        assertEquals(Sweep.Scale.LINEAR, new Sweep("members", "", List.of(new Sweep.Point(1, p))).scale(), "linear unless declared");
        assertEquals(Sweep.Scale.LOG, new Sweep("step_size", "ε", Sweep.Scale.LOG, List.of(new Sweep.Point(1e-5, p), new Sweep.Point(1e-4, p))).scale());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep("step_size", "", Sweep.Scale.LOG, List.of(new Sweep.Point(1e-5, p), new Sweep.Point(0, p))));
        assertTrue(e.getMessage().contains("log scale"), e.getMessage());
    }

    @Test
    void fitResultsWithoutSweepsKeepTheirConstructorsAndOneAxisIsOneSweep() {
        Predictive p = new Dummy(2);
        TrainingHistory h = new TrainingHistory(List.of(), 0, 0);
        FitResult plain = FitResult.of(p, 1, h);
        assertTrue(plain.sweeps().isEmpty());
        assertTrue(new FitResult(p, 1, h, Map.of("swa", p), Map.of()).sweeps().isEmpty());
        Sweep s = new Sweep("members", "ensemble size", List.of(new Sweep.Point(1, p)));
        FitResult swept = plain.withSweeps(List.of(s));
        assertEquals(List.of(s), swept.sweeps());
        assertSame(s, swept.sweep("members").orElseThrow());
        assertTrue(swept.sweep("rank").isEmpty());
        assertEquals(List.of(s), swept.withPoint(null).sweeps(), "withPoint keeps the sweeps");
        assertThrows(IllegalArgumentException.class, () -> plain.withSweeps(List.of(s, s)));
    }
}
