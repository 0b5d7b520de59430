package dev.credence.methods.laplace;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The symmetric eigensolver against its defining identities. */
class SymmetricEigenTest {

    /** @return B Bᵀ + shift·I for a random n×n B: symmetric positive definite */
    static double[] randomSpd(int n, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble() * 2 - 1;
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += b[i * n + p] * b[j * n + p];
                }
                a[i * n + j] = s + (i == j ? shift : 0);
            }
        }
        return a;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void eigenvectorsDiagonaliseAndAreOrthonormal() {
        for (int n : new int[]{1, 2, 3, 10, 57}) {
            double[] a = randomSpd(n, -0.3 * n, 100 + n); // shifted: indefinite, with negative eigenvalues
            SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(a, n);
            double[] u = eig.vectors();
            double scale = maxAbs(a) * n;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    assertEquals(true, eig.values()[i - 1] <= eig.values()[i], "ascending");
                }
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    double quad = 0;
                    for (int p = 0; p < n; p++) {
                        dot += u[i * n + p] * u[j * n + p];
                        double au = 0;
                        for (int q = 0; q < n; q++) {
                            au += a[p * n + q] * u[j * n + q];
                        }
                        quad += u[i * n + p] * au;
                    }
                    assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12, "UᵀU at " + i + "," + j + ", n=" + n);
                    assertEquals(i == j ? eig.values()[i] : 0.0, quad, 1e-12 * scale, "UᵀAU at " + i + "," + j);
                }
            }
            double[] values = SymmetricEigen.eigenvalues(a, n);
            for (int i = 0; i < n; i++) {
                assertEquals(eig.values()[i], values[i], 1e-12 * scale);
            }
        }
    }

    @Test
    void eigenvaluesOfADiagonalAndOfARepeatedSpectrumAreExact() {
        double[] diag = {3, 0, 0, 0, -1, 0, 0, 0, 2};
        double[] values = SymmetricEigen.eigenvalues(diag, 3);
        assertEquals(-1, values[0], 0);
        assertEquals(2, values[1], 0);
        assertEquals(3, values[2], 0);
        double[] ones = new double[16];
        java.util.Arrays.fill(ones, 1.0); // rank one: eigenvalues 0, 0, 0, 4
        double[] v = SymmetricEigen.eigenvalues(ones, 4);
        assertEquals(4, v[3], 1e-14);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, v[i], 1e-14);
        }
    }
}
