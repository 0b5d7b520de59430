package dev.credence.methods.temperature;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link TemperatureNll} shifts each row by its maximum once, when it is built, instead of at every evaluation; the
 * shifted values are the same doubles, so f, f' and f'' must be the same bit for bit as the code before (kept below
 * as the reference), and so must every fitted temperature.
 */
class TemperatureNllBitIdenticalTest {

    @Test
    void valueAndDerivativesAreBitForBitTheEvaluationsTheyReplaced() {
        Rng rng = new Rng(41);
        FMatrixRMaj z = SyntheticLogits.gaussian(3000, 7, 3.0, rng);
        int[] y = SyntheticLogits.sampleLabels(SyntheticLogits.scale(z, 0.5), rng);
        for (ExampleWeighting weighting : ExampleWeighting.values()) {
            CalibrationSet set = CalibrationSet.point(z, y, weighting.weights(y));
            TemperatureNll nll = new TemperatureNll(set);
            for (double beta : new double[]{0.01, 0.37, 1, 1.9, 42, 100}) {
                double[] expected = reference(set, beta);
                TemperatureNll.Derivatives d = nll.at(beta);
                assertEquals(expected[0], d.value(), 0, weighting + " f(" + beta + ")");
                assertEquals(expected[1], d.first(), 0, weighting + " f'(" + beta + ")");
                assertEquals(expected[2], d.second(), 0, weighting + " f''(" + beta + ")");
                assertEquals(expected[3], nll.value(beta), 0, weighting + " value(" + beta + ")");
            }
        }
    }

    /** {f, f', f''} of {@code at(β)} and f of {@code value(β)}, as computed before the rewrite. */
    private static double[] reference(CalibrationSet set, double beta) {
        float[] z = set.logits(0);
        int[] labels = set.labels();
        double[] weights = set.weights();
        int k = set.numClasses();
        double[] e = new double[k];
        double value = 0;
        double first = 0;
        double second = 0;
        double plain = 0;
        for (int i = 0, base = 0; i < labels.length; i++, base += k) {
            double max = TemperatureNll.rowMax(z, base, k);
            double sum = 0;
            double weighted = 0;
            for (int c = 0; c < k; c++) {
                double d = z[base + c] - max;
                e[c] = Math.exp(beta * d);
                sum += e[c];
                weighted += e[c] * d;
            }
            double mean = weighted / sum;
            double spread = 0;
            for (int c = 0; c < k; c++) {
                double centred = z[base + c] - max - mean;
                spread += e[c] * centred * centred;
            }
            double dy = z[base + labels[i]] - max;
            value += weights[i] * (Math.log(sum) - beta * dy);
            first += weights[i] * (mean - dy);
            second += weights[i] * (spread / sum);
            double plainSum = 0;
            for (int c = 0; c < k; c++) {
                plainSum += Math.exp(beta * (z[base + c] - max));
            }
            plain += weights[i] * (Math.log(plainSum) - beta * (z[base + labels[i]] - max));
        }
        return new double[]{value, first, second, plain};
    }
}
