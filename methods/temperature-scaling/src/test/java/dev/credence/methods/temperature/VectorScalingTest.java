package dev.credence.methods.temperature;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorScalingTest {
    /** Per-class temperatures: the model's class-c logit is T_c times the calibrated one, so w_c = 1/T_c. */
    private static final double[] TEMPERATURES = {0.4, 0.8, 1, 1.5, 2.5};

    /** With expected labels the population NLL is minimised exactly at w_c = 1/T_c, b = 0 (to float rounding of the logits). */
    @Test
    void recoversKnownPerClassTemperaturesExactlyWithExpectedLabels() {
        FMatrixRMaj truth = SyntheticLogits.gaussian(2000, TEMPERATURES.length, 2, new Rng(21));
        CalibrationFit<VectorScaling> fit = VectorScaling.fit(
                SyntheticLogits.expectedLabels(SyntheticLogits.scaleColumns(truth, TEMPERATURES), truth));
        assertTrue(fit.converged());
        assertTrue(fit.evaluations() < 20, fit.evaluations() + " Newton iterations");
        double[] w = fit.scaling().weights();
        double[] b = fit.scaling().biases();
        for (int c = 0; c < TEMPERATURES.length; c++) {
            assertEquals(1, w[c] * TEMPERATURES[c], 1e-7, "class " + c);
            assertEquals(0, b[c], 1e-7, "class " + c);
        }
        assertTrue(fit.nll() < fit.identityNll());
    }

    /**
     * With labels drawn from the true softmax, each w_c must lie within five standard errors of 1/T_c; the
     * covariance of θ̂ is H⁺/N (H the Hessian of the mean NLL at θ̂, a correctly specified model), whose w-block
     * is that of (H + uuᵀ)⁻¹ since the gauge direction u has no w component.
     */
    @Test
    void sampledLabelsGiveThePerClassTemperaturesWithinFiveStandardErrors() {
        Rng rng = new Rng(22);
        int n = 20_000;
        int k = TEMPERATURES.length;
        FMatrixRMaj truth = SyntheticLogits.gaussian(n, k, 2, rng);
        int[] labels = SyntheticLogits.sampleLabels(truth, rng);
        CalibrationSet set = CalibrationSet.point(SyntheticLogits.scaleColumns(truth, TEMPERATURES), labels,
                ExampleWeighting.UNIFORM.weights(labels));
        CalibrationFit<VectorScaling> fit = VectorScaling.fit(set);
        assertTrue(fit.converged());
        double[] w = fit.scaling().weights();
        double[] theta = new double[2 * k];
        System.arraycopy(w, 0, theta, 0, k);
        System.arraycopy(fit.scaling().biases(), 0, theta, k, k);
        double[] hessian = new double[4 * k * k];
        new VectorScalingNll(set).evaluate(theta, new double[2 * k], hessian);
        FMatrixRMaj h = new FMatrixRMaj(2 * k, 2 * k);
        for (int r = 0; r < 2 * k; r++) {
            for (int c = 0; c < 2 * k; c++) {
                h.data[r * 2 * k + c] = (float) (hessian[r * 2 * k + c] + (r >= k && c >= k ? 1.0 / k : 0));
            }
        }
        assertTrue(CommonOps_FDRM.invert(h));
        for (int c = 0; c < k; c++) {
            double standardError = Math.sqrt(h.get(c, c) / n);
            assertEquals(1 / TEMPERATURES[c], w[c], 5 * standardError, "class " + c + ", SE " + standardError);
        }
    }

    /** Binary logits (0, a): w_0 multiplies zeros and has no curvature; the damped solve leaves it at 1. */
    @Test
    void aWeightWithoutCurvatureIsLeftAlone() {
        Rng rng = new Rng(23);
        int n = 3000;
        FMatrixRMaj truth = new FMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            truth.data[2 * i + 1] = (float) (3 * rng.nextGaussian());
        }
        CalibrationFit<VectorScaling> fit = VectorScaling.fit(
                SyntheticLogits.expectedLabels(SyntheticLogits.scaleColumns(truth, new double[]{1, 2}), truth));
        assertTrue(fit.converged());
        assertEquals(1, fit.scaling().weights()[0]);
        assertEquals(0.5, fit.scaling().weights()[1], 1e-6);
    }

    @Test
    void refusesASampledBaseAndMalformedScalings() {
        FMatrixRMaj z = new FMatrixRMaj(2, 2);
        CalibrationSet sampled = CalibrationSet.sampled(List.of(z, z), new int[]{0, 1}, new double[]{1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorScaling.fit(sampled));
        assertTrue(e.getMessage().contains("point predictive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VectorScaling(new double[]{1, 1}, new double[]{0}));
        assertThrows(IllegalArgumentException.class, () -> new VectorScaling(new double[]{1, Double.NaN}, new double[]{0, 0}));
        assertThrows(IllegalArgumentException.class, () -> VectorScaling.identity(3).apply(new FMatrixRMaj(1, 4)));
    }
}
