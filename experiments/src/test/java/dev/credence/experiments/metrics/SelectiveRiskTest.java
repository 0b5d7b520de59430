package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SelectiveRiskTest {

    private static final double TOL = 1e-15;

    // By hand, confidence = max p: i0 0.9 right; i1 0.8 wrong, i2 0.8 right (tied); i3 0.6 right, i4 0.6 wrong (tied).
    // N = 5, E = 2. Most confident first, errors(m) spread pro rata over a tied block:
    // m=1: 0/1; m=2: 0.5/2; m=3: 1/3; m=4: 1.5/4; m=5: 2/5  ->  sum 163/120, AURC = 163/600.
    // Oracle (3 right, then 2 wrong): 1/4 + 2/5 = 13/20, AURC* = 13/100; E-AURC = 163/600 - 78/600 = 85/600.
    private static final int[] Y = {0, 1, 1, 0, 0};
    private static final double[][] P = {{0.9, 0.1}, {0.8, 0.2}, {0.2, 0.8}, {0.6, 0.4}, {0.4, 0.6}};

    private static SelectiveRisk.Result of(int[] y, double[][] p) {
        return SelectiveRisk.of(ProbabilisticPredictions.fromPointEstimate(y, p, 2));
    }

    @Test
    void handComputedFixtureWithTies() {
        SelectiveRisk.Result r = of(Y, P);
        assertEquals(163.0 / 600.0, r.aurc(), TOL);
        assertEquals(85.0 / 600.0, r.excessAurc(), TOL);
    }

    @Test
    void tiedBlocksDoNotDependOnTheExamplesOrder() {
        int[] y = {0, 0, 0, 1, 1};
        double[][] p = {{0.4, 0.6}, {0.6, 0.4}, {0.9, 0.1}, {0.2, 0.8}, {0.8, 0.2}};
        SelectiveRisk.Result r = of(y, p);
        SelectiveRisk.Result fixture = of(Y, P);
        assertEquals(fixture.aurc(), r.aurc(), 0.0);
        assertEquals(fixture.excessAurc(), r.excessAurc(), 0.0);
    }

    @Test
    void aTieAcrossEveryExampleIsTheMeanOverItsOrders() {
        // All confidences 0.5 (ties -> class 0): 1 wrong of 2. Orders (right, wrong): 0/1, 1/2 -> 1/4;
        // (wrong, right): 1/1, 1/2 -> 3/4; mean 1/2. Oracle 1/4. E-AURC 1/4.
        SelectiveRisk.Result r = of(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        assertEquals(0.5, r.aurc(), TOL);
        assertEquals(0.25, r.excessAurc(), TOL);
    }

    @Test
    void theOracleOrderHasNoExcessAndNoErrorsNoRisk() {
        SelectiveRisk.Result oracle = of(new int[] {0, 0, 1}, new double[][] {{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.3}});
        assertEquals((1.0 / 3.0) / 3.0, oracle.aurc(), TOL);
        assertEquals(0.0, oracle.excessAurc(), 0.0);
        SelectiveRisk.Result right = of(new int[] {0, 1}, new double[][] {{0.9, 0.1}, {0.3, 0.7}});
        assertEquals(0.0, right.aurc(), 0.0);
        assertEquals(0.0, right.excessAurc(), 0.0);
    }

    @Test
    void theWorstOrderHasTheLargestExcess() {
        // The error is the most confident: errors(m) = 1 for m = 1, 2, 3 -> (1 + 1/2 + 1/3)/3; oracle (1/3)/3.
        SelectiveRisk.Result r = of(new int[] {1, 0, 0}, new double[][] {{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.3}});
        assertEquals((1.0 + 0.5 + 1.0 / 3.0) / 3.0, r.aurc(), TOL);
        assertEquals(0.5, r.excessAurc(), 1e-15);
    }

    @Test
    void theMetricSuiteReportsBoth() {
        MetricReport m = MetricSuite.compute(ProbabilisticPredictions.fromPointEstimate(Y, P, 2));
        assertEquals(163.0 / 600.0, m.metric("aurc"), TOL);
        assertEquals(85.0 / 600.0, m.metric("excess_aurc"), TOL);
    }

    @Test
    void anAreaRefusesBlocksThatDoNotAddUp() {
        SelectiveRisk.Area a = new SelectiveRisk.Area(3, 1);
        a.block(2, 0);
        assertThrows(IllegalArgumentException.class, () -> a.block(2, 1));
        assertThrows(IllegalStateException.class, a::result);
        assertThrows(IllegalArgumentException.class, () -> new SelectiveRisk.Area(0, 0));
    }
}
