package dev.credence.methods.laplace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three GGN structures against finite differences, against each other, and where KFAC is exact. */
class LastLayerGgnTest {
    private static final double WEIGHT_DECAY = 0.5;

    @Test
    void theTestGradientMatchesFiniteDifferencesAndVanishesAtTheMap() {
        TinyProblem t = TinyProblem.create(60, 3, 3, 1, WEIGHT_DECAY);
        double[] theta = t.map.theta();
        double[] g = t.gradient(theta);
        double h = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (t.nll(up) - t.nll(down)) / (2 * h);
            assertEquals(numeric, g[i], 1e-6 * Math.max(1, Math.abs(numeric)), "∂NLL/∂θ_" + i);
            // at the MAP of NLL + λ₀/2‖θ‖²: ∇NLL = −λ₀θ (to the float rounding of the stored θ)
            assertEquals(-WEIGHT_DECAY * theta[i], g[i], 1e-4, "stationarity at θ_" + i);
        }
    }

    @Test
    void fullGgnEqualsTheFiniteDifferenceHessianOfTheNllAtTheMap() {
        TinyProblem t = TinyProblem.create(60, 3, 3, 2, WEIGHT_DECAY);
        int p = t.parameters();
        double[] theta = t.map.theta();
        double[] ggn = LastLayerGgn.full(t.features, t.map);
        // central second differences of the NLL itself: truncation O(h²) ≈ 1e-6, rounding ε·NLL/h² ≈ 1e-8 (relative)
        double h = 1e-3;
        double[] fd = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                fd[i * p + j] = (t.nll(shift(theta, i, h, j, h)) - t.nll(shift(theta, i, h, j, -h))
                        - t.nll(shift(theta, i, -h, j, h)) + t.nll(shift(theta, i, -h, j, -h))) / (4 * h * h);
            }
        }
        double relative = TinyProblem.maxAbsDifference(ggn, fd) / TinyProblem.maxAbs(fd);
        assertTrue(relative < 1e-4, "max |GGN − FD Hessian| / max |FD Hessian| = " + relative);
    }

    private static double[] shift(double[] theta, int i, double di, int j, double dj) {
        double[] s = theta.clone();
        s[i] += di;
        s[j] += dj;
        return s;
    }

    @Test
    void fullGgnOverManyChunksMatchesTheExampleByExampleSumInDouble() {
        // 1100 rows: three chunks of float32 partial sums (512, 512, 76)
        TinyProblem t = TinyProblem.create(1100, 5, 4, 3, WEIGHT_DECAY);
        double[] ggn = LastLayerGgn.full(t.features, t.map);
        double[] exact = t.ggn(t.map.theta());
        double relative = TinyProblem.maxAbsDifference(ggn, exact) / TinyProblem.maxAbs(exact);
        assertTrue(relative < 1e-5, "relative error " + relative);
        int p = t.parameters();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(ggn[j * p + i], ggn[i * p + j], 0.0, "symmetry");
            }
        }
    }

    @Test
    void diagIsTheDiagonalOfFull() {
        TinyProblem t = TinyProblem.create(700, 4, 3, 4, WEIGHT_DECAY);
        double[] full = LastLayerGgn.full(t.features, t.map);
        double[] diag = LastLayerGgn.diagonal(t.features, t.map);
        int p = t.parameters();
        for (int i = 0; i < p; i++) {
            // the same sum; full rounds its chunk sums in float32, diag sums in double
            assertEquals(full[i * p + i], diag[i], 1e-6 * full[i * p + i], "GGN[" + i + "][" + i + "]");
        }
    }

    @Test
    void kronIsExactWhenEveryExampleHasTheSameSoftmax() {
        // W = 0: p_n = softmax(b) for all n, so Σ_n Λ ⊗ ã ãᵀ = (NΛ) ⊗ (Σ_n ã ãᵀ / N) = G ⊗ A exactly
        TinyProblem t = TinyProblem.create(300, 3, 4, 5, WEIGHT_DECAY);
        double[] theta = new double[t.parameters()];
        for (int c = 0; c < t.k; c++) {
            theta[c * (t.h + 1) + t.h] = 0.3 * c - 0.4;
        }
        TinyProblem flat = t.withLayer(LastLayer.fromTheta(t.h, t.k, theta));
        assertKronMatchesFull(flat);
    }

    @Test
    void kronIsExactForOneExample() {
        TinyProblem t = TinyProblem.create(1, 3, 3, 6, WEIGHT_DECAY);
        assertKronMatchesFull(t);
    }

    @Test
    void kronIsOnlyAnApproximationOtherwise() {
        TinyProblem t = TinyProblem.create(300, 3, 3, 7, WEIGHT_DECAY);
        double[] full = LastLayerGgn.full(t.features, t.map);
        double[] kron = LastLayerGgn.kron(t.features, t.map).dense();
        double relative = TinyProblem.maxAbsDifference(full, kron) / TinyProblem.maxAbs(full);
        assertTrue(relative > 1e-2, "KFAC should differ from the GGN on a generic problem, relative " + relative);
    }

    /** Exact in exact arithmetic; 1e-5 allows the float32 chunk sums of the full GGN (≈ √rows · 2⁻²⁴ relative). */
    private static void assertKronMatchesFull(TinyProblem t) {
        double[] full = LastLayerGgn.full(t.features, t.map);
        double[] kron = LastLayerGgn.kron(t.features, t.map).dense();
        double relative = TinyProblem.maxAbsDifference(full, kron) / TinyProblem.maxAbs(full);
        assertTrue(relative < 1e-5, "max |G⊗A − GGN| / max |GGN| = " + relative);
    }

    @Test
    void logLikelihoodIsMinusTheNll() {
        TinyProblem t = TinyProblem.create(1000, 4, 5, 8, WEIGHT_DECAY);
        double exact = -t.nll(t.map.theta());
        assertEquals(exact, LastLayerGgn.logLikelihood(t.features, t.labels, t.map), 1e-6 * Math.abs(exact));
    }
}
