package dev.credence.methods.laplace;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

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

    /** @return A⁻¹ b for symmetric positive definite A (EJML's Cholesky solve, independent of the production code) */
    static double[] solve(double[] a, double[] b, int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solveSPD(DMatrixRMaj.wrap(n, n, a.clone()), DMatrixRMaj.wrap(n, 1, b.clone()), x)) {
            throw new ArithmeticException("test system is not positive definite");
        }
        return x.data;
    }

    /** @return A⁻¹ for symmetric positive definite A (EJML) */
    static double[] inverse(double[] a, int n) {
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(DMatrixRMaj.wrap(n, n, a.clone()), inv)) {
            throw new ArithmeticException("test matrix is not positive definite");
        }
        return inv.data;
    }

    /** @return ln det A = 2 Σ ln L_ii for symmetric positive definite A = L Lᵀ (EJML's Cholesky) */
    static double logDet(double[] a, int n) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(DMatrixRMaj.wrap(n, n, a.clone()))) {
            throw new ArithmeticException("test matrix is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l.get(i, i));
        }
        return 2 * s;
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
