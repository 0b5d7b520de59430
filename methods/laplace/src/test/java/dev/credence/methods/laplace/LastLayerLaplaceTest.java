package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** λ selection by validation grid, the one-call fit, and the memory each structure reports. */
class LastLayerLaplaceTest {
    private static final TinyProblem TRAIN = TinyProblem.create(150, 3, 3, 71, 0.5);
    private static final TinyProblem VALIDATION = TinyProblem.create(100, 3, 3, 72, 0.5);

    @Test
    void logGridSpansItsRangeEvenlyInLog10() {
        double[] v = new LogGrid(-2, 1, 4).values();
        assertArrayEquals(new double[]{0.01, 0.1, 1, 10}, v, 1e-12);
        assertEquals(100, LogGrid.DEFAULT.points());
        assertThrows(IllegalArgumentException.class, () -> new LogGrid(1, 1, 3));
    }

    @Test
    void validationGridChoosesTheGridValueOfLeastProbitNll() {
        LogGrid grid = new LogGrid(-3, 3, 13);
        for (Structure s : Structure.values()) {
            Curvature c = s.curvature(TRAIN.features, TRAIN.map);
            ValidationGrid.Choice choice = ValidationGrid.select(c, VALIDATION.features, VALIDATION.labels, grid);
            double best = Double.POSITIVE_INFINITY;
            double bestLambda = Double.NaN;
            for (double lambda : grid.values()) {
                double nll = ProbitPredictive.meanNegativeLogLikelihood(c.posterior(lambda).logits(VALIDATION.features), VALIDATION.labels);
                if (nll < best) {
                    best = nll;
                    bestLambda = lambda;
                }
            }
            assertEquals(bestLambda, choice.priorPrecision(), 0.0, s.toString());
            assertEquals(grid.points(), choice.negativeLogLikelihood().length);
        }
    }

    @Test
    void fitUsesTheChosenPriorPrecision() {
        for (Structure s : Structure.values()) {
            LastLayerLaplace.Fit byEvidence = LastLayerLaplace.fit(TRAIN.features, TRAIN.labels, TRAIN.map, s, new PriorPrecision.Evidence());
            LaplaceEvidence evidence = LaplaceEvidence.of(byEvidence.curvature(), TRAIN.features, TRAIN.labels);
            assertEquals(evidence.maximise(), byEvidence.priorPrecision(), 0.0);
            assertEquals(evidence.logEvidence(Math.log(byEvidence.priorPrecision())), byEvidence.logEvidence(), 0.0);
            assertEquals(byEvidence.priorPrecision(), byEvidence.posterior().priorPrecision(), 0.0);

            LastLayerLaplace.Fit fixed = LastLayerLaplace.fit(TRAIN.features, TRAIN.labels, TRAIN.map, s, new PriorPrecision.Fixed(4));
            assertEquals(4, fixed.posterior().priorPrecision(), 0.0);
            assertTrue(Double.isNaN(fixed.logEvidence()));

            LogGrid grid = new LogGrid(-2, 2, 5);
            LastLayerLaplace.Fit validated = LastLayerLaplace.fit(TRAIN.features, TRAIN.labels, TRAIN.map, s,
                    new PriorPrecision.Validation(VALIDATION.features, VALIDATION.labels, grid));
            assertEquals(ValidationGrid.select(validated.curvature(), VALIDATION.features, VALIDATION.labels, grid).priorPrecision(),
                    validated.priorPrecision(), 0.0);
        }
    }

    @Test
    void fitRefusesMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> LastLayerLaplace.fit(TRAIN.features, new int[3], TRAIN.map,
                Structure.DIAG, new PriorPrecision.Fixed(1)));
        assertThrows(IllegalArgumentException.class, () -> LastLayerLaplace.fit(new FMatrixRMaj(5, 4), new int[5], TRAIN.map,
                Structure.DIAG, new PriorPrecision.Fixed(1)));
        assertThrows(IllegalArgumentException.class, () -> Structure.DIAG.curvature(TRAIN.features, TRAIN.map).posterior(0));
    }

    @Test
    void memoryEstimatesCoverTheDominantArraysOfTheBenchmarkLayer() {
        int h = 400;
        int k = 10;
        long p = (long) k * (h + 1);
        long full = Structure.FULL.bytes(h, k);
        // the GGN and one working copy in double, V in float: 20·P² bytes, 322 MB at P = 4010
        assertTrue(full >= 20 * p * p, "full " + full);
        assertTrue(full < 21 * p * p + (64L << 20), "full " + full);
        long kron = Structure.KRON.bytes(h, k);
        assertTrue(kron >= 8L * (h + 1) * (h + 1) && kron < (16L << 20), "kron " + kron);
        long diag = Structure.DIAG.bytes(h, k);
        assertTrue(diag >= 8 * p && diag < kron, "diag " + diag);
    }
}
