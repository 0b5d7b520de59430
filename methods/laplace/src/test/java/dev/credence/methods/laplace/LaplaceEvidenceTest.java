package dev.credence.methods.laplace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evidence, its derivatives, and its maximiser against a fine grid evaluated through dense log determinants. */
class LaplaceEvidenceTest {
    private static final int GRID_POINTS = 2000;
    private static final double GRID_MIN = Math.log(1e-4);
    private static final double GRID_MAX = Math.log(1e4);

    private static final TinyProblem PROBLEM = TinyProblem.create(80, 3, 3, 11, 0.5);

    @Test
    void derivativesMatchFiniteDifferences() {
        for (Structure s : Structure.values()) {
            LaplaceEvidence e = LaplaceEvidence.of(s.curvature(PROBLEM.features, PROBLEM.map), PROBLEM.features, PROBLEM.labels);
            double h = 1e-4;
            for (double t = -6; t <= 6; t += 1.5) {
                double first = (e.logEvidence(t + h) - e.logEvidence(t - h)) / (2 * h);
                double second = (e.derivative(t + h) - e.derivative(t - h)) / (2 * h);
                assertEquals(first, e.derivative(t), 1e-6 * Math.max(1, Math.abs(first)), s + " L'(" + t + ")");
                assertEquals(second, e.secondDerivative(t), 1e-6 * Math.max(1, Math.abs(second)), s + " L''(" + t + ")");
                assertTrue(e.secondDerivative(t) < 0, "concave in ln λ");
            }
        }
    }

    @Test
    void theMaximiserAgreesWithTheBestOfAFineGridOfDenseLogDeterminants() {
        int p = PROBLEM.parameters();
        double logLikelihood = -PROBLEM.nll(PROBLEM.map.theta());
        double norm = PROBLEM.map.squaredNorm();
        double spacing = (GRID_MAX - GRID_MIN) / (GRID_POINTS - 1);
        for (Structure s : Structure.values()) {
            Curvature c = s.curvature(PROBLEM.features, PROBLEM.map);
            double[] dense = denseGgn(c, p);
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < GRID_POINTS; i++) {
                double t = GRID_MIN + i * spacing;
                double lambda = Math.exp(t);
                double value = logLikelihood - 0.5 * lambda * norm + 0.5 * p * t
                        - 0.5 * TinyProblem.logDet(TinyProblem.plusDiagonal(dense, p, lambda), p);
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            assertTrue(best > 0 && best < GRID_POINTS - 1, s + ": the grid optimum must be inside the grid");
            LaplaceEvidence e = LaplaceEvidence.of(c, PROBLEM.features, PROBLEM.labels);
            double chosen = Math.log(e.maximise());
            double gridBest = GRID_MIN + best * spacing;
            assertEquals(gridBest, chosen, spacing, s + ": ln λ* against the grid's best (spacing " + spacing + ")");
            assertEquals(bestValue, e.logEvidence(chosen), 1e-6 * Math.abs(bestValue) + spacing * spacing * p,
                    s + ": the evidence at λ* against the grid's best value");
            // MacKay's fixed point: λ‖θ*‖² = γ_eff(λ)
            double lambda = Math.exp(chosen);
            assertEquals(e.effectiveParameters(lambda), lambda * norm, 1e-9 * lambda * norm, s + " fixed point");
        }
    }

    /** @return the structure's GGN as a dense P×P matrix, built from its own representation */
    static double[] denseGgn(Curvature c, int p) {
        if (c instanceof FullCurvature f) {
            return f.ggn();
        }
        if (c instanceof KronCurvature k) {
            return k.factors().dense();
        }
        double[] d = c.spectrum();
        double[] m = new double[p * p];
        for (int i = 0; i < p; i++) {
            m[i * p + i] = d[i];
        }
        return m;
    }

    @Test
    void fullSpectrumSumsToTheTraceAndHasTheSoftmaxNullSpace() {
        FullCurvature c = (FullCurvature) Structure.FULL.curvature(PROBLEM.features, PROBLEM.map);
        int p = PROBLEM.parameters();
        double[] ggn = c.ggn();
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += ggn[i * p + i];
        }
        double[] raw = DenseAlgebra.symmetricEigenvalues(ggn, p);
        double sum = 0;
        for (double g : raw) {
            sum += g;
        }
        assertEquals(trace, sum, 1e-9 * trace);
        // the spectrum is the raw one with the rounding residue below 0 (of the null space) clamped
        double[] spectrum = c.spectrum();
        for (int i = 0; i < p; i++) {
            assertEquals(Math.max(0, raw[i]), spectrum[i], 0.0);
        }
        // Λ_n 1 = 0: shifting every class's logit by the same ãᵀv leaves the NLL unchanged, so H+1 eigenvalues vanish
        for (int i = 0; i <= PROBLEM.h; i++) {
            assertTrue(spectrum[i] < 1e-5 * spectrum[p - 1], "null eigenvalue " + i + ": " + spectrum[i]);
        }
        assertTrue(spectrum[PROBLEM.h + 1] > 1e-3 * spectrum[p - 1]);
    }
}
