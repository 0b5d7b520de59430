package dev.credence.core.kernel;

import static dev.credence.core.kernel.FloatApprox.OCTANT_STEP;
import static dev.credence.core.kernel.FloatApprox.TWO_POW_MINUS_24;

/** The scalar {@link Elementwise}: one lane at a time, through {@link FloatApprox}. */
final class ScalarElementwise implements Elementwise {

    @Override
    public void randomBits(int[] state, int[] bits, int blocks) {
        for (int lane = 0; lane < LANES; lane++) {
            int s0 = state[lane];
            int s1 = state[LANES + lane];
            int s2 = state[2 * LANES + lane];
            int s3 = state[3 * LANES + lane];
            for (int b = 0, at = lane; b < blocks; b++, at += BLOCK) {
                for (int half = 0; half < 2; half++) { // two draws per block: at at and at + 16
                    bits[at + half * LANES] = scramble(s1);
                    int t = s1 << 9;
                    s2 ^= s0;
                    s3 ^= s1;
                    s1 ^= s2;
                    s0 ^= s3;
                    s2 ^= t;
                    s3 = Integer.rotateLeft(s3, 11);
                }
            }
            state[lane] = s0;
            state[LANES + lane] = s1;
            state[2 * LANES + lane] = s2;
            state[3 * LANES + lane] = s3;
        }
    }

    @Override
    public void normalsFromBits(int[] bits, float[] out, int offset, int blocks) {
        for (int b = 0; b < blocks; b++) {
            for (int lane = 0; lane < LANES; lane++) {
                boxMuller(bits[b * BLOCK + lane], bits[b * BLOCK + LANES + lane], out, offset + b * BLOCK + lane);
            }
        }
    }

    @Override
    public void uniformsFromBits(int[] bits, float[] out, int offset, int blocks) {
        for (int i = 0, n = blocks * BLOCK; i < n; i++) {
            out[offset + i] = (bits[i] >>> 8) * TWO_POW_MINUS_24;
        }
    }

    /** xoshiro128**'s output function, rotl(s1·5, 7)·9, with the products as shifts and adds. */
    static int scramble(int s1) {
        int x = (s1 << 2) + s1;
        x = (x << 7) | (x >>> 25);
        return (x << 3) + x;
    }

    /**
     * Writes the Box–Muller pair of two 32-bit draws at {@code at} (cos) and {@code at + 16} (sin).
     */
    private static void boxMuller(int bits1, int bits2, float[] out, int at) {
        float u1 = ((bits1 >>> 8) + 1) * TWO_POW_MINUS_24;
        float radius = (float) Math.sqrt(FloatApprox.log(u1) * -2f);
        int octant = bits2 >>> 29;
        int frac = (bits2 >>> 8) & 0x1fffff;
        int steps = (octant & 1) != 0 ? (1 << 21) - frac : frac;
        float x = steps * OCTANT_STEP;
        float sin = FloatApprox.sinSmall(x);
        float cos = FloatApprox.cosSmall(x);
        boolean swap = ((octant + 1) & 2) != 0;
        float sinAbs = swap ? cos : sin;
        float cosAbs = swap ? sin : cos;
        int sinSign = (octant >>> 2) << 31;
        int cosSign = (((octant + 2) >>> 2) & 1) << 31;
        out[at] = Float.intBitsToFloat(Float.floatToRawIntBits(radius * cosAbs) ^ cosSign);
        out[at + LANES] = Float.intBitsToFloat(Float.floatToRawIntBits(radius * sinAbs) ^ sinSign);
    }

    @Override
    public void softplusSigmoid(float[] rho, float[] sigma, float[] sigmaPrime, float[] variance, int from, int to) {
        for (int i = from; i < to; i++) {
            float x = rho[i];
            float t = FloatApprox.expMinusAbs(x);
            float s = FloatApprox.softplus(x, t);
            sigma[i] = s;
            sigmaPrime[i] = FloatApprox.sigmoid(x, t);
            if (variance != null) {
                variance[i] = s * s;
            }
        }
    }

    @Override
    public void gaussianKlGradients(float[] sigma, float[] sigmaPrime, float[] mu, float[] gMu, float[] gRho, float a, float b,
                                    int from, int to) {
        for (int j = from; j < to; j++) {
            float s = sigma[j];
            gMu[j] = Math.fma(a, mu[j], gMu[j]);
            gRho[j] = Math.fma(Math.fma(a, s, -(b / s)), sigmaPrime[j], gRho[j]);
        }
    }

    @Override
    public void addToRows(float[] m, int rows, int cols, float[] v) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int c = 0; c < cols; c++) {
                m[base + c] += v[c];
            }
        }
    }

    @Override
    public void addColumnSums(float[] m, int rows, int cols, float[] acc) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int c = 0; c < cols; c++) {
                acc[c] += m[base + c];
            }
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
