package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

import java.util.SplittableRandom;

/**
 * A small classification problem whose features stand in for a base network's penultimate features, with the MAP
 * of the last layer under an isotropic weight decay, found by Newton's method. Its NLL, gradient and GGN are computed
 * here independently of the production code, in double.
 */
final class TinyProblem {
    final int n;
    final int h;
    final int k;
    final FMatrixRMaj features;
    final int[] labels;
    final LastLayer map;

    private TinyProblem(FMatrixRMaj features, int[] labels, int k, LastLayer map) {
        this.n = features.numRows;
        this.h = features.numCols;
        this.k = k;
        this.features = features;
        this.labels = labels;
        this.map = map;
    }

    /**
     * @param n           examples
     * @param h           features
     * @param k           classes
     * @param seed        seed of features, teacher and labels
     * @param weightDecay λ₀ of the MAP objective NLL + λ₀/2 ‖θ‖²
     */
    static TinyProblem create(int n, int h, int k, long seed, double weightDecay) {
        double[] scales = new double[h];
        java.util.Arrays.fill(scales, 1.0);
        return create(n, k, seed, weightDecay, scales);
    }

    /**
     * @param scales standard deviation of each of the H features (Gaussian, independent)
     */
    static TinyProblem create(int n, int k, long seed, double weightDecay, double[] scales) {
        int h = scales.length;
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, h);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) (scales[i % h] * gaussian(r));
        }
        double[] teacher = new double[k * (h + 1)];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = 1.5 * gaussian(r);
        }
        int[] y = new int[n];
        double[] z = new double[k];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            logits(x, i, teacher, h, k, z);
            Softmax.probabilities(z, 0, k, p, 0);
            double u = r.nextDouble();
            int c = 0;
            while (c < k - 1 && (u -= p[c]) > 0) {
                c++;
            }
            y[i] = c;
        }
        TinyProblem unfitted = new TinyProblem(x, y, k, LastLayer.fromTheta(h, k, new double[k * (h + 1)]));
        return new TinyProblem(x, y, k, LastLayer.fromTheta(h, k, unfitted.newtonMap(weightDecay)));
    }

    /** @return the same features and labels with another last layer */
    TinyProblem withLayer(LastLayer layer) {
        return new TinyProblem(features, labels, k, layer);
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static void logits(FMatrixRMaj x, int row, double[] theta, int h, int k, double[] z) {
        for (int c = 0; c < k; c++) {
            double s = theta[c * (h + 1) + h];
            for (int j = 0; j < h; j++) {
                s += theta[c * (h + 1) + j] * x.data[row * h + j];
            }
            z[c] = s;
        }
    }

    int parameters() {
        return k * (h + 1);
    }

    /** @return Σ_n logsumexp(z_n) − z_n,y_n at θ, in double */
    double nll(double[] theta) {
        double[] z = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            logits(features, i, theta, h, k, z);
            total += Softmax.logSumExp(z, 0, k) - z[labels[i]];
        }
        return total;
    }

    /** @return ∇ NLL = Σ_n (p_n − e_y) ⊗ ã_n */
    double[] gradient(double[] theta) {
        double[] g = new double[parameters()];
        double[] z = new double[k];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            logits(features, i, theta, h, k, z);
            Softmax.probabilities(z, 0, k, p, 0);
            for (int c = 0; c < k; c++) {
                double e = p[c] - (c == labels[i] ? 1 : 0);
                for (int j = 0; j <= h; j++) {
                    g[c * (h + 1) + j] += e * augmented(i, j);
                }
            }
        }
        return g;
    }

    /** @return Σ_n Λ_n ⊗ ã_n ã_nᵀ at θ, dense, in double, example by example */
    double[] ggn(double[] theta) {
        int p = parameters();
        int a = h + 1;
        double[] m = new double[p * p];
        double[] z = new double[k];
        double[] q = new double[k];
        for (int i = 0; i < n; i++) {
            logits(features, i, theta, h, k, z);
            Softmax.probabilities(z, 0, k, q, 0);
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    double w = (c == d ? q[c] : 0) - q[c] * q[d];
                    for (int u = 0; u < a; u++) {
                        for (int v = 0; v < a; v++) {
                            m[(c * a + u) * p + d * a + v] += w * augmented(i, u) * augmented(i, v);
                        }
                    }
                }
            }
        }
        return m;
    }

    double augmented(int row, int j) {
        return j == h ? 1 : features.data[row * h + j];
    }

    /** Newton's method on NLL + λ₀/2 ‖θ‖² from θ = 0 (strictly convex: converges). */
    private double[] newtonMap(double weightDecay) {
        int p = parameters();
        double[] theta = new double[p];
        for (int it = 0; it < 50; it++) {
            double[] g = gradient(theta);
            double[] hess = ggn(theta);
            for (int i = 0; i < p; i++) {
                g[i] += weightDecay * theta[i];
                hess[i * p + i] += weightDecay;
            }
            double[] step = solve(hess, g, p);
            double size = 0;
            for (int i = 0; i < p; i++) {
                theta[i] -= step[i];
                size = Math.max(size, Math.abs(step[i]));
            }
            if (size < 1e-12) {
                break;
            }
        }
        return theta;
    }

    /** @return A⁻¹ b for symmetric positive definite A (through the production Cholesky, itself tested) */
    static double[] solve(double[] a, double[] b, int n) {
        double[] l = a.clone();
        Cholesky.factorInPlace(l, n, "test system");
        double[] y = b.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                y[i] -= l[i * n + j] * y[j];
            }
            y[i] /= l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) {
                y[i] -= l[j * n + i] * y[j];
            }
            y[i] /= l[i * n + i];
        }
        return y;
    }

    /** @return A⁻¹ for symmetric positive definite A, column by column */
    static double[] inverse(double[] a, int n) {
        double[] inv = new double[n * n];
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1;
            double[] col = solve(a, e, n);
            for (int r = 0; r < n; r++) {
                inv[r * n + c] = col[r];
            }
        }
        return inv;
    }

    /** @return ln det A for symmetric positive definite A */
    static double logDet(double[] a, int n) {
        double[] l = a.clone();
        Cholesky.factorInPlace(l, n, "test matrix");
        return Cholesky.logDeterminant(l, n);
    }

    /** @return A + λI (a copy) */
    static double[] plusDiagonal(double[] a, int n, double lambda) {
        double[] m = a.clone();
        for (int i = 0; i < n; i++) {
            m[i * n + i] += lambda;
        }
        return m;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
