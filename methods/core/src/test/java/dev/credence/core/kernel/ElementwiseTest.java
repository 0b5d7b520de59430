package dev.credence.core.kernel;

import dev.credence.core.engine.Numerics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both {@link Elementwise} implementations: bit-identical to each other, and close to double-precision
 * references (Box–Muller on the same uniforms; softplus and sigmoid of {@link Numerics}).
 */
class ElementwiseTest {
    private final Elementwise vector = new VectorElementwise();
    private final Elementwise scalar = new ScalarElementwise();

    private static int[] randomState(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] s = new int[Elementwise.STATE_INTS];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt();
        }
        return s;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " differs at " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    @Test
    void selectionFindsTheVectorImplementationUnlessTheScalarOneIsAskedFor() {
        String selected = ElementwiseKernels.selected().describe();
        if ("scalar".equals(System.getProperty("credence.kernel"))) {
            assertEquals("scalar", selected);
        } else {
            assertTrue(selected.startsWith("vector-"), selected);
        }
        assertEquals("scalar", ElementwiseKernels.scalar().describe());
    }

    @Test
    void gaussianBlocksAreBitIdenticalBetweenVectorAndScalar() {
        int blocks = 5000;
        int[] sv = randomState(3);
        int[] ss = sv.clone();
        float[] v = new float[blocks * Elementwise.BLOCK + 7];
        float[] s = new float[v.length];
        vector.gaussianBlocks(sv, v, 7, blocks);
        scalar.gaussianBlocks(ss, s, 7, blocks);
        assertBitsEqual(s, v, "normal value");
        assertEquals(java.util.Arrays.toString(ss), java.util.Arrays.toString(sv));
        vector.gaussianBlocks(sv, v, 0, 1);
        scalar.gaussianBlocks(ss, s, 0, 1);
        assertBitsEqual(s, v, "normal value after the state was stored and reloaded");
    }

    /** The 16 lanes' xoshiro128** and Box–Muller, written out in double as the reference. */
    @Test
    void gaussianBlocksMatchDoublePrecisionBoxMullerOnTheSameUniforms() {
        int blocks = 20_000;
        int[] state = randomState(11);
        int[] ref = state.clone();
        float[] out = new float[blocks * Elementwise.BLOCK];
        ElementwiseKernels.selected().gaussianBlocks(state, out, 0, blocks);
        double worst = 0;
        for (int lane = 0; lane < Elementwise.LANES; lane++) {
            int[] s = {ref[lane], ref[16 + lane], ref[32 + lane], ref[48 + lane]};
            for (int b = 0; b < blocks; b++) {
                long a1 = Integer.toUnsignedLong(xoshiro(s)) >>> 8;
                long a2 = Integer.toUnsignedLong(xoshiro(s)) >>> 8;
                double u1 = (a1 + 1) / 16777216.0;
                double u2 = a2 / 16777216.0;
                double radius = Math.sqrt(-2 * Math.log(u1));
                double z0 = radius * Math.cos(2 * Math.PI * u2);
                double z1 = radius * Math.sin(2 * Math.PI * u2);
                worst = Math.max(worst, Math.abs(out[b * 32 + lane] - z0) / (1 + Math.abs(z0)));
                worst = Math.max(worst, Math.abs(out[b * 32 + 16 + lane] - z1) / (1 + Math.abs(z1)));
            }
        }
        assertTrue(worst <= 2e-6, "worst |z − z_ref| / (1 + |z|) = " + worst);
    }

    private static int xoshiro(int[] s) {
        int result = Integer.rotateLeft(s[1] * 5, 7) * 9;
        int t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Integer.rotateLeft(s[3], 11);
        return result;
    }

    @Test
    void softplusSigmoidIsBitIdenticalBetweenVectorAndScalar() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 100_003;
        float[] rho = new float[n];
        for (int i = 0; i < n; i++) {
            rho[i] = (float) (r.nextDouble(-120, 120) * (i % 7 == 0 ? 10 : 1));
        }
        float[] special = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, -87.33f, -104f, -150f, 88.7f, 1e30f, -1e30f,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.8813736f};
        System.arraycopy(special, 0, rho, 100, special.length);
        float[][] v = {new float[n], new float[n], new float[n]};
        float[][] s = {new float[n], new float[n], new float[n]};
        vector.softplusSigmoid(rho, v[0], v[1], v[2], 3, n - 2);
        scalar.softplusSigmoid(rho, s[0], s[1], s[2], 3, n - 2);
        for (int k = 0; k < 3; k++) {
            assertBitsEqual(s[k], v[k], "output " + k);
        }
        assertEquals(0f, v[0][2]); // outside from..to: untouched
        assertEquals(0f, v[0][n - 2]);
    }

    @Test
    void softplusSigmoidMatchesTheDoubleReference() {
        int n = 2_000_001;
        float[] rho = new float[n];
        for (int i = 0; i < n; i++) {
            rho[i] = (float) (-87.0 + 175.0 * i / (n - 1));
        }
        float[] sigma = new float[n];
        float[] sigmaPrime = new float[n];
        float[] variance = new float[n];
        ElementwiseKernels.selected().softplusSigmoid(rho, sigma, sigmaPrime, variance, 0, n);
        double worstSigma = 0;
        double worstPrime = 0;
        for (int i = 0; i < n; i++) {
            double sp = Numerics.softplus(rho[i]);
            double sg = Numerics.sigmoid(rho[i]);
            worstSigma = Math.max(worstSigma, Math.abs(sigma[i] - sp) / sp);
            worstPrime = Math.max(worstPrime, Math.abs(sigmaPrime[i] - sg) / sg);
            assertEquals(sigma[i] * sigma[i], variance[i]);
        }
        assertTrue(worstSigma <= 5e-7, "softplus relative error " + worstSigma);
        assertTrue(worstPrime <= 5e-7, "sigmoid relative error " + worstPrime);
    }

    @Test
    void softplusSigmoidExtremes() {
        float[] rho = {-87.3f, -87.33f, -90f, -100f, -103f, -104f, -200f, -1e30f, Float.NEGATIVE_INFINITY,
                88f, 89f, 100f, 1e6f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        float[] sigma = new float[rho.length];
        float[] prime = new float[rho.length];
        ElementwiseKernels.selected().softplusSigmoid(rho, sigma, prime, null, 0, rho.length);
        for (int i = 0; i < rho.length; i++) {
            assertTrue(sigma[i] >= 0 && !Float.isNaN(sigma[i]) && prime[i] >= 0 && prime[i] <= 1, "at " + rho[i]);
            double exact = Numerics.softplus(rho[i]);
            if (exact >= Float.MIN_NORMAL && exact <= Float.MAX_VALUE) {
                assertEquals(exact, sigma[i], 5e-7 * exact, "softplus " + rho[i]);
                assertEquals(Numerics.sigmoid(rho[i]), prime[i], 5e-7 * Numerics.sigmoid(rho[i]), "sigmoid " + rho[i]);
            } else if (exact < Float.MIN_NORMAL) {
                assertEquals(exact, sigma[i], 0x1p-148, "subnormal softplus " + rho[i]); // a couple of subnormal steps
            }
            if (rho[i] > 20) {
                assertEquals(rho[i], sigma[i], "softplus(ρ) = ρ for large ρ");
                assertEquals(1f, prime[i]);
            }
        }
        assertEquals(0f, sigma[6]); // e^−200 is below every float
        assertTrue(sigma[1] > 0, "e^−87.33 is still a normal float");
    }

    @Test
    void klGradientsAreBitIdenticalAndCloseToTheDoubleFormula() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 10_007;
        float[] sigma = new float[n];
        float[] prime = new float[n];
        float[] mu = new float[n];
        float[][] g = new float[4][n];
        for (int i = 0; i < n; i++) {
            sigma[i] = (float) Math.exp(r.nextDouble(-12, 2));
            prime[i] = (float) r.nextDouble(1e-6, 1);
            mu[i] = (float) r.nextGaussian();
            for (float[] gi : g) {
                gi[i] = i % 3 == 0 ? 0f : 0.25f;
            }
        }
        double scale = 3e-5;
        double invVar = 1 / 0.7;
        float a = (float) (scale * invVar);
        float b = (float) scale;
        vector.gaussianKlGradients(sigma, prime, mu, g[0], g[1], a, b, 1, n);
        scalar.gaussianKlGradients(sigma, prime, mu, g[2], g[3], a, b, 1, n);
        assertBitsEqual(g[2], g[0], "dμ");
        assertBitsEqual(g[3], g[1], "dρ");
        assertEquals(0f, g[0][0]); // index 0 is outside from..to
        assertEquals(0f, g[1][0]);
        for (int i = 1; i < n; i++) {
            double g0 = i % 3 == 0 ? 0 : 0.25;
            double termMu = scale * mu[i] * invVar;
            double termRho = scale * (-1.0 / sigma[i] + sigma[i] * invVar) * prime[i];
            // a few float roundings of the terms and of the sum (the old double-then-float code rounded twice too)
            assertEquals(g0 + termMu, g[0][i], 3e-7 * (g0 + Math.abs(termMu)), "dμ at " + i);
            // dρ: relative to the two parts of (σ/σ_p² − 1/σ), which cancel near σ = σ_p
            double partsRho = scale * (1.0 / sigma[i] + sigma[i] * invVar) * prime[i];
            assertEquals(g0 + termRho, g[1][i], 3e-7 * (g0 + partsRho), "dρ at " + i);
        }
    }
}
