package dev.credence.core.sampling;

import dev.credence.core.random.Rng;
import dev.credence.core.train.DivergenceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HMC on plain targets whose posterior is known: it samples the right distribution, and its integrator is leapfrog. */
class HamiltonianMonteCarloTest {

    /** U = ½ qᵀΣ⁻¹q for Σ = [[1, ρ], [ρ, 1]]. */
    static HamiltonianTarget correlatedGaussian(double rho) {
        double det = 1 - rho * rho;
        return new HamiltonianTarget() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double energy(double[] q, double[] g) {
                g[0] = (q[0] - rho * q[1]) / det;
                g[1] = (q[1] - rho * q[0]) / det;
                return 0.5 * (q[0] * g[0] + q[1] * g[1]);
            }
        };
    }

    /** C chains' kept states, chain by chain. */
    static List<List<double[]>> sample(HamiltonianTarget t, HamiltonianMonteCarlo hmc, int chains, int workers, long seed,
                                       List<HamiltonianMonteCarlo.Chain> stats) {
        long[] seeds = ChainPool.seeds(seed, chains);
        List<Object[]> out = ChainPool.run(chains, workers, k -> {
            List<double[]> kept = new ArrayList<>();
            HamiltonianMonteCarlo.Chain c = hmc.run(t, new double[t.dimension()], new Rng(seeds[k]), "test",
                    (i, q, u) -> kept.add(q.clone()));
            return new Object[]{kept, c};
        });
        List<List<double[]>> samples = new ArrayList<>();
        for (Object[] o : out) {
            @SuppressWarnings("unchecked")
            List<double[]> kept = (List<double[]>) o[0];
            samples.add(kept);
            stats.add((HamiltonianMonteCarlo.Chain) o[1]);
        }
        return samples;
    }

    static double[][] trace(List<List<double[]>> samples, int coordinate) {
        double[][] t = new double[samples.size()][];
        for (int c = 0; c < samples.size(); c++) {
            t[c] = samples.get(c).stream().mapToDouble(q -> q[coordinate]).toArray();
        }
        return t;
    }

    static double mean(double[][] t) {
        return java.util.Arrays.stream(t).flatMapToDouble(java.util.Arrays::stream).average().orElseThrow();
    }

    static double covariance(double[][] a, double[][] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        int n = 0;
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                s += (a[c][i] - ma) * (b[c][i] - mb);
                n++;
            }
        }
        return s / (n - 1);
    }

    @Test
    void correlatedGaussianMeanAndCovarianceWithinMonteCarloErrorAndAcceptanceNearTarget() {
        double rho = 0.9;
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.5, new Trajectory.Time(1.5), 500, 0.65, 2000, 1);
        List<HamiltonianMonteCarlo.Chain> stats = new ArrayList<>();
        List<List<double[]>> s = sample(correlatedGaussian(rho), hmc, 4, 2, 1, stats);
        double[][] x = trace(s, 0);
        double[][] y = trace(s, 1);
        for (double[][] t : List.of(x, y)) {
            double ess = ConvergenceDiagnostics.effectiveSampleSize(t);
            assertTrue(ess > 500, "ESS " + ess);
            assertEquals(0, mean(t), 4 / Math.sqrt(ess), "mean within 4 Monte Carlo standard errors");
            // var of a sample variance of a unit normal ≈ 2/ESS
            assertEquals(1, covariance(t, t), 4 * Math.sqrt(2 / ess), "variance");
            assertTrue(ConvergenceDiagnostics.splitRhat(t) < 1.02);
        }
        double essXy = Math.min(ConvergenceDiagnostics.effectiveSampleSize(x), ConvergenceDiagnostics.effectiveSampleSize(y));
        assertEquals(rho, covariance(x, y), 4 * Math.sqrt((1 + rho * rho) / essXy), "covariance");
        for (HamiltonianMonteCarlo.Chain c : stats) {
            assertNearTarget(0.65, c);
        }
    }

    /**
     * Bayesian logistic regression (y ∈ {±1}, intercept and two weights, prior N(0, 10²)) on N = 2000 points: at this
     * N the posterior is close to its Laplace approximation N(θ_MAP, H⁻¹), found by Newton's method; HMC's mean is
     * within Monte Carlo error (plus 10% of a posterior sd for the O(1/N) Laplace bias) and its covariance within 15%.
     */
    @Test
    void bayesianLogisticRegressionMatchesItsLaplaceApproximationAtLargeN() {
        int n = 2000;
        Rng data = new Rng(42);
        double[][] x = new double[n][];
        int[] y = new int[n];
        double[] truth = {0.3, 1.0, -0.5};
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{1, data.nextGaussian(), data.nextGaussian()};
            double z = truth[0] + truth[1] * x[i][1] + truth[2] * x[i][2];
            y[i] = data.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
        }
        double precision = 1 / 100.0;
        HamiltonianTarget target = new HamiltonianTarget() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double energy(double[] w, double[] g) {
                double u = 0;
                for (int j = 0; j < 3; j++) {
                    g[j] = precision * w[j];
                    u += 0.5 * precision * w[j] * w[j];
                }
                for (int i = 0; i < n; i++) {
                    double m = y[i] * (w[0] * x[i][0] + w[1] * x[i][1] + w[2] * x[i][2]);
                    u += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
                    double s = 1 / (1 + Math.exp(m)); // −d/dm log σ(m)
                    for (int j = 0; j < 3; j++) {
                        g[j] -= s * y[i] * x[i][j];
                    }
                }
                return u;
            }
        };
        double[] map = new double[3];
        double[][] hessian = new double[3][3];
        for (int iter = 0; iter < 30; iter++) {
            double[] g = new double[3];
            target.energy(map, g);
            for (int a = 0; a < 3; a++) {
                java.util.Arrays.fill(hessian[a], 0);
                hessian[a][a] = precision;
            }
            for (int i = 0; i < n; i++) {
                double z = map[0] * x[i][0] + map[1] * x[i][1] + map[2] * x[i][2];
                double p = 1 / (1 + Math.exp(-z));
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        hessian[a][b] += p * (1 - p) * x[i][a] * x[i][b];
                    }
                }
            }
            double[] step = solve(hessian, g);
            for (int j = 0; j < 3; j++) {
                map[j] -= step[j];
            }
        }
        double[][] cov = new double[3][];
        for (int j = 0; j < 3; j++) {
            double[] e = new double[3];
            e[j] = 1;
            cov[j] = solve(hessian, e);
        }
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.01, new Trajectory.Steps(10), 300, 0.8, 1000, 1);
        List<HamiltonianMonteCarlo.Chain> stats = new ArrayList<>();
        List<List<double[]>> s = sample(target, hmc, 4, 2, 7, stats);
        for (int j = 0; j < 3; j++) {
            double[][] t = trace(s, j);
            double ess = ConvergenceDiagnostics.effectiveSampleSize(t);
            double sd = Math.sqrt(cov[j][j]);
            assertTrue(ess > 300, "ESS " + ess);
            assertEquals(map[j], mean(t), 4 * sd / Math.sqrt(ess) + 0.1 * sd, "posterior mean of w" + j);
            for (int k = 0; k <= j; k++) {
                double[][] u = trace(s, k);
                double scale = Math.sqrt(cov[j][j] * cov[k][k]);
                assertEquals(cov[j][k], covariance(t, u), 0.15 * scale, "posterior covariance (" + j + ", " + k + ")");
            }
        }
        for (HamiltonianMonteCarlo.Chain c : stats) {
            assertNearTarget(0.8, c);
        }
    }

    /**
     * Dual averaging drives the warm-up's acceptance to δ; the averaged ε̄ used afterwards accepts somewhat more
     * often (the acceptance falls steeply above the ε of acceptance δ), as Stan's users see too.
     */
    static void assertNearTarget(double delta, HamiltonianMonteCarlo.Chain c) {
        assertEquals(delta, c.warmupAcceptProbability(), 0.05, "second half of warm-up: " + c);
        assertTrue(c.meanAcceptProbability() > delta - 0.05 && c.meanAcceptProbability() < delta + 0.25,
                "after warm-up: " + c);
        assertEquals(c.meanAcceptProbability(), c.acceptanceRate(), 0.05, c.toString());
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * out[k];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }

    /** A non-quadratic 2-D target, U = ¼‖q‖⁴ + ½q₀² + q₀q₁ + q₁², so that the leapfrog's error is not that of a linear map. */
    static final HamiltonianTarget QUARTIC = new HamiltonianTarget() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double energy(double[] q, double[] g) {
            double r2 = q[0] * q[0] + q[1] * q[1];
            g[0] = r2 * q[0] + q[0] + q[1];
            g[1] = r2 * q[1] + q[0] + 2 * q[1];
            return 0.25 * r2 * r2 + 0.5 * q[0] * q[0] + q[0] * q[1] + q[1] * q[1];
        }
    };

    @Test
    void aTrajectoryRunBackWithNegatedMomentumReturnsToItsStart() {
        double[] q0 = {0.8, -0.3};
        double[] p0 = {0.4, 1.1};
        double[] q = q0.clone();
        double[] p = p0.clone();
        double[] g = new double[2];
        QUARTIC.energy(q, g);
        Leapfrog.integrate(QUARTIC, q, p, g, 0.05, 60);
        assertTrue(Math.abs(q[0] - q0[0]) > 0.1 || Math.abs(q[1] - q0[1]) > 0.1, "the trajectory moved");
        for (int j = 0; j < 2; j++) {
            p[j] = -p[j];
        }
        Leapfrog.integrate(QUARTIC, q, p, g, 0.05, 60);
        for (int j = 0; j < 2; j++) {
            assertEquals(q0[j], q[j], 1e-5, "q" + j);
            assertEquals(-p0[j], p[j], 1e-5, "p" + j);
        }
    }

    static double energyError(double epsilon, int steps) {
        double[] q = {0.8, -0.3};
        double[] p = {0.4, 1.1};
        double[] g = new double[2];
        double h0 = QUARTIC.energy(q, g) + Leapfrog.kinetic(p);
        double u = Leapfrog.integrate(QUARTIC, q, p, g, epsilon, steps);
        return Math.abs(u + Leapfrog.kinetic(p) - h0);
    }

    @Test
    void theEnergyErrorOfAFixedTrajectoryTimeShrinksAsTheSquareOfTheStepSize() {
        double coarse = energyError(0.04, 25);
        double fine = energyError(0.02, 50);
        double finer = energyError(0.01, 100);
        assertTrue(coarse > 1e-6, "an error to measure: " + coarse);
        assertEquals(4, coarse / fine, 0.4, coarse + " then " + fine);
        assertEquals(4, fine / finer, 0.4, fine + " then " + finer);
    }

    /**
     * p(q) = 0.3·N(−1.5, 0.7²) + 0.7·N(1.5, 0.7²): the barrier between the modes is about 2.3 nats, which a trajectory
     * of time 3 crosses often enough that both modes are visited, in their proportion P(q &gt; 0) ≈ 0.694.
     */
    @Test
    void bothModesOfABimodalTargetAreVisitedInTheirProportion() {
        double s2 = 0.49;
        HamiltonianTarget bimodal = new HamiltonianTarget() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double energy(double[] q, double[] g) {
                double la = Math.log(0.3) - (q[0] + 1.5) * (q[0] + 1.5) / (2 * s2);
                double lb = Math.log(0.7) - (q[0] - 1.5) * (q[0] - 1.5) / (2 * s2);
                double top = Math.max(la, lb);
                double wa = Math.exp(la - top);
                double wb = Math.exp(lb - top);
                g[0] = (wa * (q[0] + 1.5) + wb * (q[0] - 1.5)) / (s2 * (wa + wb));
                return -(top + Math.log(wa + wb));
            }
        };
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.1, new Trajectory.Steps(30), 200, 0.9, 10000, 1);
        List<HamiltonianMonteCarlo.Chain> stats = new ArrayList<>();
        double[][] t = trace(sample(bimodal, hmc, 4, 2, 3, stats), 0);
        double right = 0;
        double all = 0;
        for (double[] c : t) {
            for (double v : c) {
                right += v > 0 ? 1 : 0;
                all++;
            }
        }
        double phi = 0.5 * (1 + erf(1.5 / 0.7 / Math.sqrt(2)));
        double expected = 0.7 * phi + 0.3 * (1 - phi);
        assertEquals(expected, right / all, 0.04, "fraction of draws in the right-hand mode");
        for (double[] c : t) {
            long left = java.util.Arrays.stream(c).filter(v -> v < -1).count();
            assertTrue(left > c.length / 10, "every chain visits the left mode: " + left + " of " + c.length);
        }
    }

    /** Abramowitz–Stegun 7.1.26, |error| ≤ 1.5e-7. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    @Test
    void severalChainsGiveTheSameSamplesOnOneOrTwoWorkers() {
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.3, new Trajectory.Time(1), 20, 0.65, 30, 2);
        List<List<double[]>> one = sample(QUARTIC, hmc, 3, 1, 9, new ArrayList<>());
        List<List<double[]>> two = sample(QUARTIC, hmc, 3, 2, 9, new ArrayList<>());
        for (int c = 0; c < 3; c++) {
            assertEquals(30, one.get(c).size());
            for (int i = 0; i < 30; i++) {
                assertArrayEquals(one.get(c).get(i), two.get(c).get(i), 0.0, "chain " + c + ", sample " + i);
            }
        }
        assertTrue(one.get(0).get(29)[0] != one.get(1).get(29)[0], "chains differ from each other");
    }

    /** A unit Gaussian that is NaN beyond |q| = 10: too large a warm-up ε runs off it (the leapfrog is unstable for ε ≥ 2). */
    static final HamiltonianTarget FENCED = new HamiltonianTarget() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double energy(double[] q, double[] g) {
            g[0] = q[0];
            return Math.abs(q[0]) > 10 ? Double.NaN : 0.5 * q[0] * q[0];
        }
    };

    @Test
    void aDivergentWarmUpTrajectoryIsARejectionThatShrinksTheStepSize() {
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(1.5, new Trajectory.Steps(8), 200, 0.8, 2000, 1);
        List<Double> kept = new ArrayList<>();
        HamiltonianMonteCarlo.Chain c = hmc.run(FENCED, new double[]{0.5}, new Rng(2), "test", (i, q, u) -> kept.add(q[0]));
        assertTrue(c.warmupDivergences() > 0, c.toString());
        assertTrue(c.stepSize() < 1.5, c.toString());
        assertEquals(2000, kept.size());
        double var = kept.stream().mapToDouble(v -> v * v).average().orElseThrow();
        assertEquals(1, var, 0.15, "the samples are the unit Gaussian's");
    }

    @Test
    void aNonFiniteEnergyStopsTheChainNamingIterationAndLeapfrogStep() {
        HamiltonianTarget cliff = new HamiltonianTarget() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double energy(double[] q, double[] g) {
                g[0] = -1; // pushes q up the slope, towards the cliff at q = 1
                return q[0] > 1 ? Double.NaN : -q[0];
            }
        };
        HamiltonianMonteCarlo hmc = new HamiltonianMonteCarlo(0.3, new Trajectory.Steps(10), 0, 0.65, 5, 1);
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> hmc.run(cliff, new double[]{0}, new Rng(1), "hmc", (i, q, u) -> { }));
        assertEquals(1, e.epoch(), e.getMessage());
        assertTrue(e.step() >= 1 && e.step() <= 10, e.getMessage());
        assertTrue(e.getMessage().startsWith("hmc diverged at iteration 1, leapfrog step " + e.step() + ": U is NaN"),
                e.getMessage());
    }
}
