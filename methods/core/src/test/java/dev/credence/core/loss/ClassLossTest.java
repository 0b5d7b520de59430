package dev.credence.core.loss;

import dev.credence.core.CredenceInputException;
import dev.credence.core.engine.GradientCheck;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The imbalance losses against their definitions (PROTOCOL.md), finite differences, and the plain loss. */
class ClassLossTest {
    static final List<String> NAMES = List.of("a", "b", "c", "d");
    static final ClassPriors LONG_TAIL = new ClassPriors(new int[]{500, 50, 5, 1}, NAMES);
    static final double BETA = 0.99;
    static final double TAU = 1.5;

    @Test
    void inverseFrequencyWeightsAreProportionalToOneOverNAndSumToNOverTheData() {
        double[] w = LONG_TAIL.inverseFrequencyWeights();
        double weighted = 0;
        for (int c = 0; c < 4; c++) {
            weighted += LONG_TAIL.counts()[c] * w[c];
            // n_c·w_c is the same for every class: N / K present
            assertEquals(556.0 / 4, LONG_TAIL.counts()[c] * w[c], 1e-12 * 556);
        }
        assertEquals(556, weighted, 1e-9);
    }

    @Test
    void effectiveNumberWeightsFollowCuiEtAlAndSumToNOverTheData() {
        double[] w = LONG_TAIL.effectiveNumberWeights(BETA);
        double[] raw = new double[4];
        double weighted = 0;
        for (int c = 0; c < 4; c++) {
            raw[c] = (1 - BETA) / (1 - Math.pow(BETA, LONG_TAIL.counts()[c]));
            weighted += LONG_TAIL.counts()[c] * w[c];
        }
        for (int c = 1; c < 4; c++) {
            assertEquals(raw[c] / raw[0], w[c] / w[0], 1e-12 * raw[c] / raw[0]);
        }
        assertEquals(556, weighted, 1e-9);
        // β → 0: every class weighs the same, exactly 1
        assertArrayEquals(new double[]{1, 1, 1, 1}, LONG_TAIL.effectiveNumberWeights(0));
    }

    @Test
    void offsetsAreTauLogPriorsUpToAConstantAndRefuseAnEmptyClass() {
        double[] d = LONG_TAIL.logPriorOffsets(TAU, "map");
        assertEquals(0.0, d[0], 0.0, "the largest class has offset 0");
        for (int c = 0; c < 4; c++) {
            double logPrior = Math.log(LONG_TAIL.counts()[c] / 556.0);
            assertEquals(TAU * (logPrior - Math.log(500 / 556.0)), d[c], 1e-12);
        }
        ClassPriors empty = new ClassPriors(new int[]{4, 0, 2}, List.of("x", "y", "z"));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> empty.logPriorOffsets(1, "map"));
        assertTrue(e.getMessage().contains("class 'y' has no training example"), e.getMessage());
        // a weighted loss gives the empty class weight 0 and keeps Σ n_c w_c = N
        double[] w = empty.inverseFrequencyWeights();
        assertEquals(0.0, w[1], 0.0);
        assertEquals(6, 4 * w[0] + 2 * w[2], 1e-12);
    }

    @Test
    void equalCountsGiveUnitWeightsZeroOffsetsAndThePlainLossBitForBit() {
        ClassPriors equal = new ClassPriors(new int[]{37, 37, 37, 37}, NAMES);
        assertArrayEquals(new double[]{1, 1, 1, 1}, equal.inverseFrequencyWeights());
        assertArrayEquals(new double[]{1, 1, 1, 1}, equal.effectiveNumberWeights(0.999));
        assertArrayEquals(new double[]{0, 0, 0, 0}, equal.logPriorOffsets(1.0, "map"));
        FMatrixRMaj z = logits(new SplittableRandom(3), 64, 4, 4.0);
        int[] y = labels(new SplittableRandom(4), 64, 4);
        FMatrixRMaj plain = new FMatrixRMaj(1, 1);
        double plainLoss = SoftmaxCrossEntropy.meanLossAndGrad(z, y, plain, 7.0);
        for (LossKind kind : LossKind.values()) {
            FMatrixRMaj g = new FMatrixRMaj(1, 1);
            double loss = ClassLoss.resolve(kind, equal, 0.999, 1.0, "map").meanLossAndGrad(z, y, g, 7.0);
            assertEquals(Double.doubleToLongBits(plainLoss), Double.doubleToLongBits(loss), kind.toString());
            assertArrayEquals(plain.data, g.data, kind.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void lossMatchesItsDefinitionAndItsGradientTheFiniteDifferences(LossKind kind) {
        ClassLoss loss = ClassLoss.resolve(kind, LONG_TAIL, BETA, TAU, "map");
        double[] w = switch (kind) {
            case inverse_frequency -> LONG_TAIL.inverseFrequencyWeights();
            case effective_number -> LONG_TAIL.effectiveNumberWeights(BETA);
            default -> new double[]{1, 1, 1, 1};
        };
        double[] logPrior = new double[4];
        for (int c = 0; c < 4; c++) {
            logPrior[c] = kind == LossKind.logit_adjusted ? TAU * Math.log(LONG_TAIL.counts()[c] / 556.0) : 0;
        }
        int rows = 12;
        FMatrixRMaj z = logits(new SplittableRandom(8), rows, 4, 2.0);
        int[] y = labels(new SplittableRandom(9), rows, 4);
        double scale = 3.0;
        FMatrixRMaj grad = new FMatrixRMaj(1, 1);
        double value = loss.meanLossAndGrad(z, y, grad, scale);
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            double[] a = new double[4];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                a[c] = z.data[r * 4 + c] + logPrior[c]; // the paper's τ·log π_c, not the shifted offsets
                max = Math.max(max, a[c]);
            }
            double sum = 0;
            for (double v : a) {
                sum += Math.exp(v - max);
            }
            expected += w[y[r]] * (max + Math.log(sum) - a[y[r]]);
        }
        expected /= rows;
        assertEquals(expected, value, 1e-12 * Math.abs(expected), kind.toString());

        float[] analytic = grad.data.clone();
        for (int i = 0; i < analytic.length; i++) {
            analytic[i] /= (float) scale;
        }
        GradientCheck.Result check = GradientCheck.check(List.of(new GradientCheck.Target("logits", z.data, analytic)),
                () -> loss.meanLossAndGrad(z, y, null, 1.0), 1e-3, 100, 1e-3, new Rng(1));
        assertTrue(check.maxRelativeError() < 1e-3, kind + ": " + check);
        assertEquals(48, check.checked());
    }

    @Test
    void extrasRecordTheResolvedWeightsOrOffsetsByClassName() {
        assertEquals(Map.of(), ClassLoss.resolve(LossKind.cross_entropy, LONG_TAIL, BETA, TAU, "map").extras());
        Object w = ClassLoss.resolve(LossKind.inverse_frequency, LONG_TAIL, BETA, TAU, "map").extras().get("class_weights");
        assertEquals(LONG_TAIL.byName(LONG_TAIL.inverseFrequencyWeights()), w);
        Object d = ClassLoss.resolve(LossKind.logit_adjusted, LONG_TAIL, BETA, TAU, "map").extras().get("logit_offsets");
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(((Map<?, ?>) d).keySet()));
    }

    static FMatrixRMaj logits(SplittableRandom random, int rows, int k, double spread) {
        FMatrixRMaj z = new FMatrixRMaj(rows, k);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = (float) (spread * random.nextGaussian());
        }
        return z;
    }

    static int[] labels(SplittableRandom random, int rows, int k) {
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextInt(k);
        }
        return y;
    }
}
