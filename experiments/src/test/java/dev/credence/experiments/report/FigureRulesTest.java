package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.core.spi.Sweep;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures' rules that can be checked without looking: tick patterns, the log(1 − f) axis, per-count lines. */
class FigureRulesTest {
    private static final dev.credence.core.spi.Predictive NONE = new dev.credence.core.spi.Predictive() {
        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public boolean stochastic() {
            return false;
        }

        @Override
        public dev.credence.core.spi.LogitSamples sampleLogits(org.ejml.data.FMatrixRMaj x, int samples) {
            throw new UnsupportedOperationException("never sampled");
        }
    };

    private static String format(String pattern, double v) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }

    @Test
    void tickLabelsCarryNoSpuriousDecimals() {
        String big = Charts.pattern(0, 1_200_000);
        assertEquals("1,200,000", format(big, 1_200_000));
        String unit = Charts.pattern(0, 1);
        assertEquals("0.2", format(unit, 0.2));
        assertEquals("0.25", format(unit, 0.25));
        assertEquals("1", format(unit, 1.0));
        assertEquals("0", format(unit, 0.0));
        String nll = Charts.pattern(0.6, 2.2);
        assertEquals("2.2", format(nll, 2.2), "not 2.200");
        assertEquals("0.8", format(nll, 0.8));
        // a narrow range keeps enough digits to tell its ticks apart
        String narrow = Charts.pattern(0.9960, 0.9990);
        assertEquals("0.9965", format(narrow, 0.9965));
        assertEquals("0.997", format(narrow, 0.997));
    }

    @Test
    void aPruningSweepIsDrawnOnLogOneMinus() {
        Sweeps.Axis pruned = new Sweeps.Axis("pruned_fraction", "", Sweep.Scale.LOG_ONE_MINUS);
        assertEquals(Sweep.Scale.LOG_ONE_MINUS, SweepFigure.drawnScale(pruned, 0, 0.98));
        assertEquals(Sweep.Scale.LINEAR, SweepFigure.drawnScale(pruned, 0, 1.0), "a point at 1 has no place on log(1 − f)");
        assertEquals(Sweep.Scale.LINEAR, SweepFigure.drawnScale(new Sweeps.Axis("members", "", Sweep.Scale.LINEAR), 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Sweep("f", "", Sweep.Scale.LOG_ONE_MINUS,
                List.of(new Sweep.Point(1.0, NONE))));
    }

    @Test
    void theSweepsScaleIsRecordedInTheResultAndReadBack() {
        RunResult.Metrics m = new RunResult.Metrics(Map.of("accuracy", 0.5), 15, 10, 2, null, null, null, null);
        RunResult.SweepResult log = new RunResult.SweepResult("pruned_fraction", "f", Sweep.Scale.LOG_ONE_MINUS,
                List.of(new RunResult.SweepPoint(0.0, true, m), new RunResult.SweepPoint(0.9, false, m)));
        assertEquals(Sweep.Scale.LOG_ONE_MINUS, Sweep.Scale.of(Sweep.Scale.LOG_ONE_MINUS.json()));
        assertEquals(Sweep.Scale.LINEAR, new RunResult.SweepResult("members", "", List.of()).scale());
        assertEquals("log_one_minus", log.scale().json());
    }

    @Test
    void classesSharingACountAreNeverJoined() {
        // step profile: classes 0-2 share 100, classes 3-4 share 10
        TreeMap<Integer, Double> line = PerClassFigure.meanPerCount(new int[] {100, 100, 100, 10, 10},
                new double[] {0.9, 0.8, 0.7, 0.4, Double.NaN});
        assertEquals(List.of(10, 100), List.copyOf(line.keySet()), "one point per count");
        assertEquals(0.4, line.get(10), 1e-12);
        assertEquals(0.8, line.get(100), 1e-12);
    }
}
