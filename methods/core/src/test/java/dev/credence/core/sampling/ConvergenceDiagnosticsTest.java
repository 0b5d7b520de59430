package dev.credence.core.sampling;

import dev.credence.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvergenceDiagnosticsTest {

    static double[][] ar1(double phi, double shiftPerChain, int chains, int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] t = new double[chains][n];
        for (int c = 0; c < chains; c++) {
            double x = rng.nextGaussian() / Math.sqrt(1 - phi * phi);
            for (int i = 0; i < n; i++) {
                x = phi * x + rng.nextGaussian();
                t[c][i] = x + c * shiftPerChain;
            }
        }
        return t;
    }

    @Test
    void independentDrawsHaveRhatNearOneAndAnEffectiveSizeNearTheirCount() {
        double[][] t = ar1(0, 0, 4, 2000, 1);
        assertEquals(1, ConvergenceDiagnostics.splitRhat(t), 0.01);
        assertEquals(8000, ConvergenceDiagnostics.effectiveSampleSize(t), 8000 * 0.1);
    }

    @Test
    void anAutoregressiveChainHasTheEffectiveSizeOfItsAutocorrelation() {
        double phi = 0.8;
        double[][] t = ar1(phi, 0, 4, 5000, 2);
        double expected = 20000 * (1 - phi) / (1 + phi);
        assertEquals(expected, ConvergenceDiagnostics.effectiveSampleSize(t), expected * 0.2);
    }

    @Test
    void chainsStuckInDifferentPlacesHaveALargeRhat() {
        double[][] t = ar1(0, 3, 4, 500, 3);
        assertTrue(ConvergenceDiagnostics.splitRhat(t) > 1.5, "R̂ " + ConvergenceDiagnostics.splitRhat(t));
        double[][] drifting = new double[2][400];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 400; i++) {
                drifting[c][i] = i / 100.0 + 0.01 * ((i * 7 + c) % 5);
            }
        }
        assertTrue(ConvergenceDiagnostics.splitRhat(drifting) > 1.5, "split R̂ sees a trend within one chain");
    }
}
