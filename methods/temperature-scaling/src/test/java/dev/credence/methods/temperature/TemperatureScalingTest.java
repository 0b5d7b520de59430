package dev.credence.methods.temperature;

import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemperatureScalingTest {
    private static final double THIRD = 1.0 / 3;

    private static CalibrationFit<TemperatureScaling> fit(FMatrixRMaj logits, int[] labels) {
        return TemperatureScaling.fit(CalibrationSet.point(logits, labels, ExampleWeighting.UNIFORM.weights(labels)));
    }

    /**
     * Logits of a calibrated model divided by 3 need T = 1/3. With expected labels (each row once per class, weighted
     * by its true probability) the NLL is the population NLL, minimised exactly there: the fit must hit 1/3 to its
     * 10⁻⁶ tolerance in ln T (the float rounding of z/3 moves the optimum by about 10⁻⁸).
     */
    @Test
    void logitsOfACalibratedModelDividedByThreeGiveOneThirdExactlyWithExpectedLabels() {
        FMatrixRMaj truth = SyntheticLogits.gaussian(3000, 10, 2, new Rng(11));
        CalibrationFit<TemperatureScaling> fit = TemperatureScaling.fit(
                SyntheticLogits.expectedLabels(SyntheticLogits.scale(truth, THIRD), truth));
        assertTrue(fit.converged());
        assertEquals(THIRD, fit.scaling().temperature(), 2 * TemperatureScaling.LOG_TOLERANCE * THIRD);
        assertTrue(fit.nll() < fit.identityNll());
    }

    /**
     * The same with labels drawn from softmax(z). The MLE β̂ = 1/T̂ has standard error 1/√(N·I), I = E Var_p(z/3) =
     * v/9 with v = E Var_{softmax(z)}(z) (0.99 for N(0, 2²) logits over 10 classes, about the largest v gets), and
     * T̂ = 1/β̂ has SE(β̂)/β² (delta method): SE(T̂) = 1/(3√(N·v)). Meeting |T̂ − 1/3| ≤ 10⁻⁴ at four standard errors
     * needs N ≥ (4/(3·10⁻⁴))²/v ≈ 1.8·10⁸ examples, far too many for a unit test; the exact value is checked above
     * with expected labels. Here N = 50 000 gives SE ≈ 1.5·10⁻³, and T̂ must lie within five standard errors, the SE
     * taken from the fitted curvature f''(β̂) (itself checked against finite differences).
     */
    @Test
    void sampledLabelsGiveOneThirdWithinFiveStandardErrors() {
        Rng rng = new Rng(12);
        int n = 50_000;
        FMatrixRMaj truth = SyntheticLogits.gaussian(n, 10, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        FMatrixRMaj fed = SyntheticLogits.scale(truth, THIRD);
        CalibrationFit<TemperatureScaling> fit = fit(fed, labels);
        double t = fit.scaling().temperature();
        double beta = 1 / t;
        double curvature = new TemperatureNll(CalibrationSet.point(fed, labels, ExampleWeighting.UNIFORM.weights(labels)))
                .at(beta).second();
        double standardError = 1 / Math.sqrt(n * curvature) / (beta * beta);
        assertEquals(1 / (3 * Math.sqrt(n * 0.99)), standardError, 0.1 * standardError, "the SE derived in the comment");
        assertEquals(THIRD, t, 5 * standardError);
    }

    /** A sampled base whose S samples are identical has the point predictive's NLL, so the same T (Brent vs Newton). */
    @Test
    void identicalSamplesGiveThePointTemperature() {
        Rng rng = new Rng(13);
        FMatrixRMaj truth = SyntheticLogits.gaussian(2000, 6, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        FMatrixRMaj fed = SyntheticLogits.scale(truth, 1.7);
        double[] weights = ExampleWeighting.UNIFORM.weights(labels);
        double point = TemperatureScaling.fit(CalibrationSet.point(fed, labels, weights)).scaling().temperature();
        CalibrationFit<TemperatureScaling> sampled = TemperatureScaling.fit(CalibrationSet.sampled(List.of(fed, fed, fed), labels, weights));
        assertTrue(sampled.converged());
        assertEquals(Math.log(point), Math.log(sampled.scaling().temperature()), 2 * TemperatureScaling.LOG_TOLERANCE);
    }

    /** The sampled fit reaches the global minimum of the mixture NLL, checked against a fine grid in ln T. */
    @Test
    void sampledFitFindsTheMinimumOfTheMixtureNll() {
        Rng rng = new Rng(14);
        int n = 1000;
        int k = 5;
        FMatrixRMaj truth = SyntheticLogits.gaussian(n, k, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        List<FMatrixRMaj> samples = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            FMatrixRMaj z = SyntheticLogits.scale(truth, 2.5);
            for (int i = 0; i < z.data.length; i++) {
                z.data[i] += (float) (2 * rng.nextGaussian());
            }
            samples.add(z);
        }
        CalibrationSet set = CalibrationSet.sampled(samples, labels, ExampleWeighting.UNIFORM.weights(labels));
        CalibrationFit<TemperatureScaling> fit = TemperatureScaling.fit(set);
        assertTrue(fit.converged());
        SampledTemperatureNll nll = new SampledTemperatureNll(set);
        double lo = Math.log(TemperatureScaling.MIN_TEMPERATURE);
        double hi = Math.log(TemperatureScaling.MAX_TEMPERATURE);
        int points = 600;
        double spacing = (hi - lo) / (points - 1);
        double gridBest = lo;
        double gridValue = Double.POSITIVE_INFINITY;
        for (int j = 0; j < points; j++) {
            double value = nll.value(Math.exp(-(lo + j * spacing)));
            if (value < gridValue) {
                gridValue = value;
                gridBest = lo + j * spacing;
            }
        }
        double t = Math.log(fit.scaling().temperature());
        assertEquals(gridBest, t, spacing);
        assertTrue(fit.nll() <= gridValue + 1e-12, fit.nll() + " vs grid " + gridValue);
        assertEquals(nll.value(Math.exp(-t)), fit.nll(), 1e-15);
        assertTrue(fit.nll() < fit.identityNll());
    }

    /** T = 1 (and the identity vector scaling) must give the engine's softmax of the raw logits, bit for bit. */
    @Test
    void identityScalingsLeaveProbabilitiesBitForBitUnchanged() {
        for (double sigma : new double[]{0.01, 3, 300}) {
            FMatrixRMaj z = SyntheticLogits.gaussian(257, 7, sigma, new Rng(15));
            float[] raw = new float[257 * 7];
            SoftmaxCrossEntropy.softmaxRows(z, raw, 0);
            assertArrayEquals(z.data, new TemperatureScaling(1).apply(z).data);
            assertArrayEquals(raw, new TemperatureScaling(1).probabilities(z));
            assertArrayEquals(z.data, VectorScaling.identity(7).apply(z).data);
            assertArrayEquals(raw, VectorScaling.identity(7).probabilities(z));
        }
        FMatrixRMaj z = new FMatrixRMaj(1, 3, true, 1f, 2f, 4f);
        assertArrayEquals(new float[]{0.5f, 1f, 2f}, new TemperatureScaling(2).apply(z).data);
    }

    @Test
    void anOptimumOutsideTheRangeStopsAtItsBoundAndSaysSo() {
        Rng rng = new Rng(16);
        FMatrixRMaj z = SyntheticLogits.gaussian(500, 4, 3, rng);
        int[] argmax = new int[500];
        int[] argmin = new int[500];
        for (int i = 0; i < 500; i++) {
            for (int c = 1; c < 4; c++) {
                argmax[i] = z.data[i * 4 + c] > z.data[i * 4 + argmax[i]] ? c : argmax[i];
                argmin[i] = z.data[i * 4 + c] < z.data[i * 4 + argmin[i]] ? c : argmin[i];
            }
        }
        // every label the top logit: sharper is always better, T → 0
        CalibrationFit<TemperatureScaling> separable = fit(z, argmax);
        assertFalse(separable.converged());
        assertEquals(TemperatureScaling.MIN_TEMPERATURE, separable.scaling().temperature(), 1e-12);
        // every label the bottom logit: flatter is always better, T → ∞
        CalibrationFit<TemperatureScaling> inverted = fit(z, argmin);
        assertFalse(inverted.converged());
        assertEquals(TemperatureScaling.MAX_TEMPERATURE, inverted.scaling().temperature(), 1e-9);
        CalibrationFit<TemperatureScaling> sampledSeparable = TemperatureScaling.fit(
                CalibrationSet.sampled(List.of(z, z), argmax, ExampleWeighting.UNIFORM.weights(argmax)));
        assertFalse(sampledSeparable.converged());
        assertEquals(TemperatureScaling.MIN_TEMPERATURE, sampledSeparable.scaling().temperature(), 1e-5);
        // rows of equal logits say nothing about T: it stays 1
        CalibrationFit<TemperatureScaling> flat = fit(new FMatrixRMaj(10, 3), new int[10]);
        assertTrue(flat.converged());
        assertEquals(1, flat.scaling().temperature());
    }

    /**
     * Binary and long-tailed (about 10% tail labels): the model is calibrated where it predicts the head class and
     * three times overconfident where it predicts the tail. Uniform and balanced NLL are both mixtures
     * λ·f_tail + (1 − λ)·f_head of the per-class mean NLLs, convex in β, and the minimiser of such a mixture moves
     * monotonically from the head's to the tail's as λ grows; balanced weighting raises λ from the tail's share to ½,
     * so its temperature must lie strictly between the uniform one and the tail-only one.
     */
    @Test
    void balancedWeightingMovesTheTemperatureTowardsTheOverconfidentTail() {
        Rng rng = new Rng(17);
        int n = 20_000;
        FMatrixRMaj truth = new FMatrixRMaj(n, 2);
        FMatrixRMaj fed = new FMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            float a = (float) (-3 + 1.5 * rng.nextGaussian());
            truth.data[2 * i + 1] = a;
            fed.data[2 * i + 1] = a > 0 ? 3 * a : a;
        }
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        int tail = 0;
        for (int y : labels) {
            tail += y;
        }
        assertTrue(tail > 0.05 * n && tail < 0.12 * n, tail + " tail labels");
        double uniform = TemperatureScaling.fit(CalibrationSet.point(fed, labels, ExampleWeighting.UNIFORM.weights(labels)))
                .scaling().temperature();
        double balanced = TemperatureScaling.fit(CalibrationSet.point(fed, labels, ExampleWeighting.BALANCED.weights(labels)))
                .scaling().temperature();
        double headOnly = fitOnClass(fed, labels, 0);
        double tailOnly = fitOnClass(fed, labels, 1);
        assertTrue(headOnly < uniform && uniform < balanced && balanced < tailOnly,
                "head " + headOnly + ", uniform " + uniform + ", balanced " + balanced + ", tail " + tailOnly);
        assertTrue(balanced > 1.1 * uniform, "a clear shift: uniform " + uniform + ", balanced " + balanced);
    }

    private static double fitOnClass(FMatrixRMaj logits, int[] labels, int c) {
        double[] weights = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            weights[i] = labels[i] == c ? 1 : 0;
        }
        return TemperatureScaling.fit(CalibrationSet.point(logits, labels, weights)).scaling().temperature();
    }

    @Test
    void refusesWhatItCannotScale() {
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(0));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(Double.NaN));
    }
}
