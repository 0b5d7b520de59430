package dev.credence.methods.laplace;

import dev.credence.core.kernel.Sgemm;
import org.ejml.data.FMatrixRMaj;

import java.util.SplittableRandom;

/**
 * Prints (asserts nothing) the time of each step at the benchmark's last layer, N = 20 000, H = 400, K = 10
 * (P = 4010), on synthetic ReLU-like features, and the float32 rounding of the full GGN against a double sum.
 * Not a test (the name does not match Surefire's patterns); run with the test classpath and
 * {@code --add-modules jdk.incubator.vector}, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp <classpath> dev.credence.methods.laplace.BenchmarkLayerTiming}.
 * Pass {@code quick} to skip the eigenvalue solve and the Cholesky of order P.
 */
public final class BenchmarkLayerTiming {
    private static final int N = 20_000;
    private static final int H = 400;
    private static final int K = 10;

    private BenchmarkLayerTiming() {
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("quick");
        SplittableRandom r = new SplittableRandom(2024);
        FMatrixRMaj features = new FMatrixRMaj(N, H);
        for (int i = 0; i < features.data.length; i++) {
            features.data[i] = (float) Math.max(0, TinyProblem.gaussian(r)); // ReLU outputs: half zeros
        }
        float[] w = new float[H * K];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.15 * TinyProblem.gaussian(r));
        }
        float[] b = new float[K];
        LastLayer map = new LastLayer(H, K, w, b);
        int p = map.parameterCount();
        System.out.printf("N=%d H=%d K=%d P=%d, SGEMM %s on %d threads, %d processors%n", N, H, K, p,
                Sgemm.kernelName(), Sgemm.threads(), Runtime.getRuntime().availableProcessors());

        LastLayerGgn.full(features, map); // warm-up of the SGEMM and the JIT
        long t0 = System.nanoTime();
        double[] ggn = LastLayerGgn.full(features, map);
        System.out.printf("full GGN (55 Gram blocks of 401×401 over 20 000 rows): %.2f s%n", seconds(t0));
        t0 = System.nanoTime();
        KronFactors factors = LastLayerGgn.kron(features, map);
        System.out.printf("kron factors: %.3f s%n", seconds(t0));
        t0 = System.nanoTime();
        KronCurvature kron = new KronCurvature(map, factors);
        System.out.printf("kron eigendecompositions (401 and 10): %.3f s%n", seconds(t0));
        t0 = System.nanoTime();
        double[] diag = LastLayerGgn.diagonal(features, map);
        System.out.printf("diag: %.3f s%n", seconds(t0));
        System.out.printf("float32 rounding of the full GGN: max |full − double sum| / max |GGN| = %.2e over blocks (0,0), (0,9); "
                + "max |diag(full) − diag| / max diag = %.2e%n", roundingOfTwoBlocks(features, map, ggn), diagonalRounding(ggn, diag, p));

        FMatrixRMaj test = new FMatrixRMaj(1000, H);
        System.arraycopy(features.data, 0, test.data, 0, test.data.length);
        timePredictive("kron", kron.posterior(1.0), test);
        timePredictive("diag", new DiagCurvature(map, diag).posterior(1.0), test);
        if (quick) {
            return;
        }
        FullCurvature full = new FullCurvature(map, ggn);
        t0 = System.nanoTime();
        double[] spectrum = full.spectrum();
        System.out.printf("full spectrum (eigenvalues of order %d): %.1f s; largest %.4g, %d below 1e-6 of it (H+1 = %d expected)%n",
                p, seconds(t0), spectrum[p - 1], countBelow(spectrum, 1e-6 * spectrum[p - 1]), H + 1);
        t0 = System.nanoTime();
        Posterior posterior = full.posterior(1.0);
        System.out.printf("full posterior (Cholesky + L⁻¹ of order %d): %.1f s%n", p, seconds(t0));
        timePredictive("full", posterior, test);
    }

    private static void timePredictive(String name, Posterior posterior, FMatrixRMaj test) {
        posterior.logits(test);
        long t0 = System.nanoTime();
        LogitDistribution d = posterior.logits(test);
        double tl = seconds(t0);
        t0 = System.nanoTime();
        MonteCarloPredictive.sample(posterior, test, 100, 1);
        System.out.printf("%s: logit moments of 1000 points %.3f s, 100 Monte Carlo samples of them %.3f s (mean Var f = %.3g)%n",
                name, tl, seconds(t0), meanVariance(d));
    }

    private static double meanVariance(LogitDistribution d) {
        double s = 0;
        for (int i = 0; i < d.n(); i++) {
            for (int c = 0; c < d.k(); c++) {
                s += d.variance(i, c);
            }
        }
        return s / (d.n() * d.k());
    }

    /** Blocks (0,0) and (0,K−1) of the GGN recomputed in double, example by example. */
    private static double roundingOfTwoBlocks(FMatrixRMaj features, LastLayer map, double[] ggn) {
        int a = H + 1;
        int p = map.parameterCount();
        double[] b00 = new double[a * a];
        double[] b09 = new double[a * a];
        double[] probs = new double[K];
        FMatrixRMaj z = map.logits(features);
        double[] x = new double[a];
        for (int n = 0; n < N; n++) {
            Softmax.probabilities(z.data, n * K, K, probs, 0);
            for (int j = 0; j < H; j++) {
                x[j] = features.data[n * H + j];
            }
            x[H] = 1;
            double w00 = probs[0] * (1 - probs[0]);
            double w09 = -probs[0] * probs[K - 1];
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < a; j++) {
                    b00[i * a + j] += w00 * x[i] * x[j];
                    b09[i * a + j] += w09 * x[i] * x[j];
                }
            }
        }
        double err = 0;
        double max = 0;
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < a; j++) {
                err = Math.max(err, Math.abs(ggn[i * p + j] - b00[i * a + j]));
                err = Math.max(err, Math.abs(ggn[i * p + (K - 1) * a + j] - b09[i * a + j]));
                max = Math.max(max, Math.abs(b00[i * a + j]));
            }
        }
        return err / max;
    }

    private static double diagonalRounding(double[] ggn, double[] diag, int p) {
        double err = 0;
        double max = 0;
        for (int i = 0; i < p; i++) {
            err = Math.max(err, Math.abs(ggn[i * p + i] - diag[i]));
            max = Math.max(max, diag[i]);
        }
        return err / max;
    }

    private static int countBelow(double[] values, double bound) {
        int c = 0;
        for (double v : values) {
            if (v < bound) {
                c++;
            }
        }
        return c;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
