package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.results.RunResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed case: N = 5, K = 3, class 2 absent from the test set.
 *
 * <pre>
 * i  p_i               y  argmax       c_i  bin(15)        H(p_i)
 * 1  [0.6, 0.3, 0.1]   0  0 right      0.6  9  (edge 9/15)   0.8979
 * 2  [0.4, 0.4, 0.2]   1  0 wrong(tie) 0.4  6  (edge 6/15)   1.0549
 * 3  [0.2, 0.7, 0.1]   1  1 right      0.7  11             0.8018
 * 4  [0.1, 0.1, 0.8]   0  2 wrong      0.8  12 (edge 12/15)  0.6390
 * 5  [1.0, 0.0, 0.0]   1  0 wrong      1.0  15             0
 * </pre>
 */
class MetricSuiteTest {

    private static final double TOL = 1e-12;

    static ProbabilisticPredictions fiveExamples() {
        double[][] p = {
            {0.6, 0.3, 0.1},
            {0.4, 0.4, 0.2},
            {0.2, 0.7, 0.1},
            {0.1, 0.1, 0.8},
            {1.0, 0.0, 0.0},
        };
        return ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1, 1, 0, 1}, p, 3);
    }

    private static double h(double... p) {
        double s = 0;
        for (double v : p) {
            s += v == 0 ? 0 : -v * Math.log(v);
        }
        return s;
    }

    @Test
    void argmaxTiesGoToLowestClass() {
        assertEquals(0, ClassificationMetrics.argmax(new double[] {0.4, 0.4, 0.2}));
        assertEquals(1, ClassificationMetrics.argmax(new double[] {0.2, 0.4, 0.4}));
        assertEquals(0, ClassificationMetrics.argmax(new double[] {0.25, 0.25, 0.25, 0.25}));
    }

    @Test
    void accuracyAndBalancedAccuracy() {
        MetricReport r = MetricSuite.compute(fiveExamples());
        // right: examples 1 and 3 -> 2/5 (the tie in example 2 goes to class 0, which is wrong)
        assertEquals(0.4, r.accuracy(), TOL);
        // class 0: {1 right, 4 wrong} -> 1/2; class 1: {2 wrong, 3 right, 5 wrong} -> 1/3; class 2 absent
        // balanced = (1/2 + 1/3) / 2 = 5/12 (not (1/2 + 1/3 + 0) / 3)
        assertEquals(5.0 / 12, r.balancedAccuracy(), TOL);
    }

    @Test
    void nllClampsZeroProbabilityAt1eMinus12() {
        // -ln(1e-12) = 12 ln 10 = 27.631021115928547
        assertEquals(12 * Math.log(10), ProperScoringRules.nllTerm(0.0), TOL);
        assertEquals(12 * Math.log(10), ProperScoringRules.nllTerm(1e-15), TOL);
        assertEquals(-Math.log(0.5), ProperScoringRules.nllTerm(0.5), TOL);
        MetricReport r = MetricSuite.compute(fiveExamples());
        // p_{i,y_i} = 0.6, 0.4, 0.7, 0.1, 0 (clamped to 1e-12)
        double expected = (-Math.log(0.6) - Math.log(0.4) - Math.log(0.7) - Math.log(0.1) + 12 * Math.log(10)) / 5;
        assertEquals(expected, r.nll(), TOL);
    }

    @Test
    void brier() {
        // 1: 0.4^2 + 0.3^2 + 0.1^2 = 0.26;  2: 0.4^2 + 0.6^2 + 0.2^2 = 0.56;  3: 0.2^2 + 0.3^2 + 0.1^2 = 0.14
        // 4: 0.9^2 + 0.1^2 + 0.8^2 = 1.46;  5: 1^2 + 1^2 + 0 = 2.0;  sum 4.42 / 5 = 0.884
        assertEquals(0.884, MetricSuite.compute(fiveExamples()).brier(), TOL);
    }

    @Test
    void eceMceAndReliability() {
        MetricReport r = MetricSuite.compute(fiveExamples());
        // every example alone in its bin: |acc - conf| = 0.4, 0.4, 0.3, 0.8, 1.0 -> ECE = 2.9 / 5 = 0.58
        assertEquals(0.58, r.ece(), TOL);
        assertEquals(1.0, r.mce(), TOL);
        List<ReliabilityBin> rel = r.reliability();
        assertEquals(15, rel.size());
        int[] counts = new int[15];
        for (ReliabilityBin b : rel) {
            counts[b.bin() - 1] = b.count();
        }
        //                       1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1}, counts);
        ReliabilityBin b9 = rel.get(8);
        assertEquals(new ReliabilityBin(9, 8 / 15.0, 0.6, 1, 0.6, 1.0), b9);
        assertEquals(new ReliabilityBin(6, 5 / 15.0, 6 / 15.0, 1, 0.4, 0.0), rel.get(5));
        assertEquals(new ReliabilityBin(15, 14 / 15.0, 1.0, 1, 1.0, 0.0), rel.get(14));
        assertEquals(new ReliabilityBin(1, 0.0, 1 / 15.0, 0, null, null), rel.get(0));
    }

    @Test
    void eceSharesABinAndWeightsByCount() {
        // conf 0.55 (right) and 0.58 (wrong) share bin 9 (8/15 = 0.533 < c <= 0.6); 0.95 (right) in bin 15.
        // bin 9: acc 1/2, conf 0.565 -> gap 0.065, weight 2/3; bin 15: acc 1, conf 0.95 -> gap 0.05, weight 1/3
        // ECE = (2/3)(0.065) + (1/3)(0.05) = 0.18/3 = 0.06; MCE = 0.065
        double[][] p = {{0.55, 0.45}, {0.58, 0.42}, {0.95, 0.05}};
        MetricReport r = MetricSuite.compute(ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1, 0}, p, 2));
        assertEquals(0.06, r.ece(), TOL);
        assertEquals(0.065, r.mce(), TOL);
    }

    @Test
    void classwiseEce() {
        // k = 0: scores 0.6,0.4,0.2,0.1,1.0 (bins 9,6,3,2,15), events 1,0,0,1,0
        //        gaps 0.4,0.4,0.2,0.9,1.0 -> 2.9/5 = 0.58
        // k = 1: scores 0.3,0.4,0.7,0.1,0.0 (bins 5,6,11,2,1), events 0,1,1,0,1
        //        gaps 0.3,0.6,0.3,0.1,1.0 -> 2.3/5 = 0.46
        // k = 2: scores 0.1,0.2,0.1,0.8,0.0, no events; bin 2 holds both 0.1s: (2/5)(0.1) = 0.04,
        //        bin 3: (1/5)(0.2) = 0.04, bin 12: (1/5)(0.8) = 0.16, bin 1 (score 0): 0 -> 0.24
        // classwise = (0.58 + 0.46 + 0.24) / 3 = 1.28 / 3
        ProbabilisticPredictions p = fiveExamples();
        assertArrayEquals(new double[] {0.58, 0.46, 0.24}, ClasswiseCalibration.perClassEce(p, 15), TOL);
        assertEquals(1.28 / 3, MetricSuite.compute(p).classwiseEce(), TOL);
    }

    @Test
    void aceWithFewerExamplesThanBinsIsOneGroupPerExample() {
        // N = 5 < B = 15: five groups of one, same gaps as the ECE: 2.9 / 5
        assertEquals(0.58, MetricSuite.compute(fiveExamples()).ace(), TOL);
        // B = 2: sorted by confidence 0.4(W) 0.6(R) 0.7(R) | 0.8(W) 1.0(W); sizes 3 and 2 (first group +1)
        // g1: acc 2/3, conf 1.7/3 -> gap 0.1; g2: acc 0, conf 0.9 -> 0.9; ACE = (3/5)0.1 + (2/5)0.9 = 0.42
        assertEquals(0.42, AdaptiveCalibration.ace(fiveExamples(), 2), TOL);
    }

    @Test
    void entropyExpectedEntropyAndMutualInformationOfAPointEstimate() {
        MetricReport r = MetricSuite.compute(fiveExamples());
        double expected = (h(0.6, 0.3, 0.1) + h(0.4, 0.4, 0.2) + h(0.2, 0.7, 0.1) + h(0.1, 0.1, 0.8) + 0.0) / 5;
        assertEquals(expected, r.entropy(), TOL);
        assertEquals(expected, r.expectedEntropy(), TOL);
        assertEquals(0.0, r.mutualInformation()); // exactly: S = 1
    }

    @Test
    void aurocOfEntropyForMisclassification() {
        // H: 1 = 0.898 (R), 2 = 1.055 (W), 3 = 0.802 (R), 4 = 0.639 (W), 5 = 0 (W)
        // wrong vs right pairs: 1.055 beats both; 0.639 and 0 beat none -> 2 of 6 = 1/3
        assertEquals(1.0 / 3, MetricSuite.compute(fiveExamples()).aurocMisclassification(), TOL);
    }

    @Test
    void perClass() {
        List<ClassMetrics> pc = MetricSuite.compute(fiveExamples()).perClass();
        assertEquals(3, pc.size());
        ClassMetrics c0 = pc.get(0);
        // class 0: examples 1 (0.6 right, bin 9) and 4 (0.8 wrong, bin 12); ECE = (0.4 + 0.8)/2 = 0.6
        assertEquals(0, c0.classIndex());
        assertEquals(2, c0.count());
        assertEquals(0.5, c0.accuracy(), TOL);
        assertEquals((-Math.log(0.6) - Math.log(0.1)) / 2, c0.nll(), TOL);
        assertEquals(0.6, c0.ece(), TOL);
        ClassMetrics c1 = pc.get(1);
        // class 1: examples 2 (0.4 wrong), 3 (0.7 right), 5 (1.0 wrong); ECE = (0.4 + 0.3 + 1.0)/3 = 1.7/3
        assertEquals(3, c1.count());
        assertEquals(1.0 / 3, c1.accuracy(), TOL);
        assertEquals((-Math.log(0.4) - Math.log(0.7) + 12 * Math.log(10)) / 3, c1.nll(), TOL);
        assertEquals(1.7 / 3, c1.ece(), TOL);
        assertEquals(new ClassMetrics(2, 0, null, null, null), pc.get(2));
    }

    @Test
    void jsonHasTheProtocolKeysInOrderAndNullsNotNaN() throws Exception {
        // all predictions right (both confident): AUROC undefined -> null
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}};
        MetricReport r = MetricSuite.compute(ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1}, p, 2), 15);
        ObjectNode o = RunResult.Metrics.of(r, null, null).toJson();
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        List<String> expected = new ArrayList<>(MetricReport.PROTOCOL_KEYS);
        expected.addAll(List.of("bins", "n", "num_classes", "per_class", "reliability"));
        assertEquals(expected, keys);
        assertTrue(o.get("auroc_misclassification").isNull());
        assertEquals(15, o.get("bins").asInt());
        assertEquals(2, o.get("n").asInt());
        assertEquals(2, o.get("num_classes").asInt());
        JsonNode bin1 = o.get("reliability").get(0);
        assertEquals(List.of("bin", "lower", "upper", "count", "confidence", "accuracy"), names(bin1));
        assertTrue(bin1.get("confidence").isNull());
        assertTrue(bin1.get("accuracy").isNull());
        assertEquals(List.of("class", "count", "accuracy", "nll", "ece"), names(o.get("per_class").get(0)));
        String text = new ObjectMapper().writeValueAsString(o);
        assertFalse(text.contains("NaN"));
        assertFalse(text.contains("Infinity"));
    }

    @Test
    void jsonWritesDoublesAtFullPrecision() throws Exception {
        MetricReport r = MetricSuite.compute(fiveExamples());
        JsonNode back = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(RunResult.Metrics.of(r, null, null).toJson()));
        assertEquals(r.balancedAccuracy(), back.get("balanced_accuracy").doubleValue(), 0.0); // 5/12, bit-exact
        assertEquals(r.nll(), back.get("nll").doubleValue(), 0.0);
        assertEquals(r.entropy(), back.get("entropy").doubleValue(), 0.0);
        assertEquals(r.classwiseEce(), back.get("classwise_ece").doubleValue(), 0.0);
        assertEquals(8 / 15.0, back.get("reliability").get(8).get("lower").doubleValue(), 0.0);
        assertTrue(back.get("per_class").get(2).get("ece").isNull());
        assertEquals(r.headline().keySet(), new java.util.LinkedHashSet<>(MetricReport.PROTOCOL_KEYS));
        assertEquals(r.ece(), r.metric("ece"));
        assertNull(MetricSuite.compute(allWrong()).metric("auroc_misclassification"));
    }

    private static ProbabilisticPredictions allWrong() {
        return ProbabilisticPredictions.fromPointEstimate(new int[] {1, 0},
                new double[][] {{0.9, 0.1}, {0.2, 0.8}}, 2);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
