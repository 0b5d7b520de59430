package dev.credence.methods.temperature;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analytic derivatives against central differences, and the objectives against their definitions. */
class ObjectiveDerivativesTest {
    /** Central-difference step; truncation error O(h²) ≈ 10⁻¹⁰ and rounding ≈ 10⁻¹⁶/h ≈ 10⁻¹¹ relative. */
    private static final double H = 1e-5;
    private static final double RELATIVE = 1e-6;

    private static CalibrationSet randomSet(int n, int k, double sigma, long seed) {
        Rng rng = new Rng(seed);
        FMatrixRMaj z = SyntheticLogits.gaussian(n, k, sigma, rng);
        int[] labels = SyntheticLogits.sampleLabels(SyntheticLogits.gaussian(n, k, sigma, rng), rng);
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 0.1 + rng.nextDouble();
        }
        return CalibrationSet.point(z, labels, weights);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1e-3, Math.abs(expected)), what);
    }

    @Test
    void temperatureDerivativesInBetaMatchFiniteDifferences() {
        TemperatureNll nll = new TemperatureNll(randomSet(300, 7, 3, 1));
        for (double beta : new double[]{0.02, 0.3, 1, 2.5, 40}) {
            TemperatureNll.Derivatives d = nll.at(beta);
            assertEquals(nll.value(beta), d.value(), 1e-13 * d.value());
            assertClose((nll.value(beta + H) - nll.value(beta - H)) / (2 * H), d.first(), "f' at β = " + beta);
            assertClose((nll.at(beta + H).first() - nll.at(beta - H).first()) / (2 * H), d.second(), "f'' at β = " + beta);
            assertTrue(d.second() > 0, "convex in β");
        }
    }

    @Test
    void vectorScalingGradientAndHessianMatchFiniteDifferences() {
        int k = 5;
        VectorScalingNll nll = new VectorScalingNll(randomSet(400, k, 2, 2));
        Rng rng = new Rng(3);
        double[] theta = new double[2 * k];
        for (int j = 0; j < 2 * k; j++) {
            theta[j] = (j < k ? 1 : 0) + 0.4 * rng.nextGaussian();
        }
        double[] gradient = new double[2 * k];
        double[] hessian = new double[4 * k * k];
        double value = nll.evaluate(theta, gradient, hessian);
        assertEquals(nll.value(theta), value, 1e-14 * value);
        double[] plusGradient = new double[2 * k];
        double[] minusGradient = new double[2 * k];
        for (int j = 0; j < 2 * k; j++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[j] += H;
            minus[j] -= H;
            double plusValue = nll.evaluate(plus, plusGradient, null);
            double minusValue = nll.evaluate(minus, minusGradient, null);
            assertClose((plusValue - minusValue) / (2 * H), gradient[j], "∂f/∂θ_" + j);
            for (int i = 0; i < 2 * k; i++) {
                assertClose((plusGradient[i] - minusGradient[i]) / (2 * H), hessian[i * 2 * k + j], "∂²f/∂θ_" + i + "∂θ_" + j);
                assertEquals(hessian[i * 2 * k + j], hessian[j * 2 * k + i], 1e-15, "symmetric");
            }
        }
    }

    /** The sampled NLL against −Σ w ln((1/S) Σ_s softmax(β z_s)_y) formed naively, on logits small enough for that. */
    @Test
    void sampledObjectiveIsTheNllOfTheAverageOfEachSamplesScaledSoftmax() {
        int n = 50;
        int k = 4;
        Rng rng = new Rng(4);
        List<FMatrixRMaj> samples = List.of(SyntheticLogits.gaussian(n, k, 2, rng), SyntheticLogits.gaussian(n, k, 2, rng),
                SyntheticLogits.gaussian(n, k, 2, rng));
        int[] labels = SyntheticLogits.sampleLabels(samples.get(0), rng);
        double[] weights = ExampleWeighting.UNIFORM.weights(labels);
        SampledTemperatureNll nll = new SampledTemperatureNll(CalibrationSet.sampled(samples, labels, weights));
        for (double beta : new double[]{0.1, 0.7, 1, 3}) {
            double naive = 0;
            double ofMeanLogits = 0;
            for (int i = 0; i < n; i++) {
                double mean = 0;
                double[] meanLogits = new double[k];
                for (FMatrixRMaj z : samples) {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(beta * z.data[i * k + c]);
                        meanLogits[c] += z.data[i * k + c] / samples.size();
                    }
                    mean += Math.exp(beta * z.data[i * k + labels[i]]) / sum / samples.size();
                }
                naive -= Math.log(mean) / n;
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(beta * meanLogits[c]);
                }
                ofMeanLogits -= Math.log(Math.exp(beta * meanLogits[labels[i]]) / sum) / n;
            }
            assertEquals(naive, nll.value(beta), 1e-12 * naive, "β = " + beta);
            if (beta >= 1) {
                // scaling each sample before averaging is not scaling the averaged logits
                assertTrue(Math.abs(ofMeanLogits - naive) > 1e-2, "β = " + beta + ": " + ofMeanLogits + " vs " + naive);
            }
        }
        CalibrationSet one = randomSet(200, 6, 4, 5);
        for (double beta : new double[]{0.05, 1, 30}) {
            assertEquals(new TemperatureNll(one).value(beta), new SampledTemperatureNll(one).value(beta), 1e-13, "S = 1");
        }
    }

    /** No overflow and no NaN where naive exp(β z) would overflow (logits of 10⁴ at β = 100). */
    @Test
    void objectivesStayFiniteForHugeLogits() {
        CalibrationSet set = randomSet(40, 5, 1e4, 6);
        TemperatureNll.Derivatives d = new TemperatureNll(set).at(100);
        assertTrue(Double.isFinite(d.value()) && Double.isFinite(d.first()) && Double.isFinite(d.second()), d.toString());
        assertTrue(Double.isFinite(new SampledTemperatureNll(set).value(100)));
        double[] theta = {3, 3, 3, 3, 3, 0, 0, 0, 0, 0};
        double[] gradient = new double[10];
        assertTrue(Double.isFinite(new VectorScalingNll(set).evaluate(theta, gradient, new double[100])));
        for (double g : gradient) {
            assertTrue(Double.isFinite(g));
        }
    }
}
