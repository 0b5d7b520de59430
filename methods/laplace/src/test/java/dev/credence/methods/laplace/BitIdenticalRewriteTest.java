package dev.credence.methods.laplace;

import dev.credence.core.testing.GemmThreads;
import dev.credence.core.kernel.Sgemm;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The full GGN and the Kronecker posterior's logit covariance were rewritten for speed (one block product at a time
 * with the chunk's features converted to double once; K sums side by side). Each sum still adds the same terms in
 * the same order, so the numbers must not change at all: here both are checked bit for bit against the code as it
 * was before (kept below as the reference), at one and at two SGEMM threads, on several chunks.
 */
class BitIdenticalRewriteTest {
    /** 1 100 rows: chunks of 512, 512 and 76; ReLU-like features, so many exact zeros. */
    private static FMatrixRMaj features(int n, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, h);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) Math.max(0, TinyProblem.gaussian(r));
        }
        return x;
    }

    private static LastLayer layer(int h, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[h * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.3 * TinyProblem.gaussian(r));
        }
        float[] b = new float[k];
        for (int i = 0; i < k; i++) {
            b[i] = (float) (0.1 * TinyProblem.gaussian(r));
        }
        return new LastLayer(h, k, w, b);
    }

    @Test
    void theFullGgnIsBitForBitTheBlockRowComputationItReplaced() {
        FMatrixRMaj x = features(1100, 37, 11);
        LastLayer layer = layer(37, 6, 12);
        double[] reference = referenceFull(x, layer);
        GemmThreads.eachOf(new int[]{1, 2}, threads -> {
            assertArrayEquals(reference, LastLayerGgn.full(x, layer), threads + " thread(s)");
            return null;
        });
    }

    @Test
    void theKronLogitCovarianceIsBitForBitTheLoopItReplaced() {
        FMatrixRMaj x = features(1100, 29, 21);
        LastLayer layer = layer(29, 7, 22);
        KronFactors factors = LastLayerGgn.kron(x, layer);
        double lambda = 0.7;
        Posterior posterior = new KronCurvature(layer, factors).posterior(lambda);
        FMatrixRMaj test = features(700, 29, 23);
        double[] reference = referenceKronCovariance(test, layer, factors, lambda);
        GemmThreads.eachOf(new int[]{1, 2}, threads -> {
            LogitDistribution d = posterior.logits(test);
            assertEquals(reference.length, d.covariance().length);
            assertArrayEquals(reference, d.covariance(), threads + " thread(s)");
            return null;
        });
    }

    /** {@code LastLayerGgn.full} before the rewrite: one product per block row over all blocks l ≥ k. */
    static double[] referenceFull(FMatrixRMaj features, LastLayer layer) {
        int k = layer.classes();
        int a = layer.hidden() + 1;
        int p = layer.parameterCount();
        double[] ggn = new double[p * p];
        float[] weighted = new float[FeatureChunks.ROWS * p];
        float[] product = new float[a * p];
        FeatureChunks.forEach(features, layer, FeatureChunks.ROWS, true, chunk -> {
            for (int row = 0; row < k; row++) {
                int width = (k - row) * a;
                for (int r = 0; r < chunk.rows; r++) {
                    double pk = chunk.probabilities[r * k + row];
                    int feature = r * a;
                    int out = r * width;
                    for (int col = row; col < k; col++) {
                        double w = (col == row ? pk : 0) - pk * chunk.probabilities[r * k + col];
                        for (int j = 0; j < a; j++) {
                            weighted[out++] = (float) (w * chunk.augmented[feature + j]);
                        }
                    }
                }
                Sgemm.gemm(Sgemm.Op.TN, a, width, chunk.rows, chunk.augmented, weighted, product, false);
                int first = row * a;
                for (int i = 0; i < a; i++) {
                    int target = (first + i) * p + first;
                    int source = i * width;
                    for (int c = 0; c < width; c++) {
                        ggn[target + c] += product[source + c];
                    }
                }
            }
        });
        LastLayerGgn.mirrorUpperToLower(ggn, p);
        return ggn;
    }

    /** The Kronecker posterior's {@code logits(features).covariance()} before the rewrite, from its own eigendecompositions. */
    static double[] referenceKronCovariance(FMatrixRMaj features, LastLayer mean, KronFactors factors, double lambda) {
        DenseAlgebra.SymmetricEigen g = DenseAlgebra.symmetricEigen(factors.g(), factors.classes());
        DenseAlgebra.SymmetricEigen aEig = DenseAlgebra.symmetricEigen(factors.a(), factors.inputs());
        double[] gValues = Curvature.clampNonNegative(g.values());
        double[] aValues = Curvature.clampNonNegative(aEig.values());
        int k = g.n();
        int a = aEig.n();
        double[] gVectors = g.vectors();
        float[] aVectors = new float[a * a];
        for (int i = 0; i < aVectors.length; i++) {
            aVectors[i] = (float) aEig.vectors()[i];
        }
        double[] inverseEigenvalues = new double[k * a];
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < a; j++) {
                inverseEigenvalues[m * a + j] = 1 / (gValues[m] * aValues[j] + lambda);
            }
        }
        double[] out = new double[features.numRows * k * k];
        FeatureChunks.forEach(features, mean, FeatureChunks.ROWS, true, chunk -> {
            int rows = chunk.rows;
            int offset = chunk.from * k * k;
            float[] q = new float[rows * a];
            Sgemm.gemm(Sgemm.Op.NT, rows, a, a, chunk.augmented, aVectors, q, false);
            double[] s = new double[k];
            for (int r = 0; r < rows; r++) {
                for (int m = 0; m < k; m++) {
                    double sum = 0;
                    for (int j = 0; j < a; j++) {
                        double qj = q[r * a + j];
                        sum += qj * qj * inverseEigenvalues[m * a + j];
                    }
                    s[m] = sum;
                }
                int base = offset + r * k * k;
                for (int c = 0; c < k; c++) {
                    for (int d = 0; d < k; d++) {
                        double v = 0;
                        for (int m = 0; m < k; m++) {
                            v += gVectors[m * k + c] * gVectors[m * k + d] * s[m];
                        }
                        out[base + c * k + d] += v;
                    }
                }
            }
        });
        return out;
    }
}
