package dev.credence.core.kernel;

/**
 * The scalar float approximations behind {@link ScalarElementwise}, and the constants {@link VectorElementwise}
 * repeats lane-wise operation by operation. Only +, −, ×, ÷, {@link Math#fma}, correctly rounded square roots and
 * bit manipulation are used, so a vector lane computing the same sequence gets the same bits.
 *
 * <ul>
 *   <li>ln(1 + f) for f ∈ [√½ − 1, √2 − 1]: with s = f/(2 + f), ln(1 + f) = 2·atanh(s) = f − s·(f − R),
 *       R = 2s²/3 + 2s⁴/5 + 2s⁶/7 + 2s⁸/9 (|s| ≤ 0.172; truncation below 10⁻⁸ relative).</li>
 *   <li>e^x for x ≤ 0: x = n·ln 2 + r (Cody–Waite, |r| ≤ ln2/2), e^r by its degree-7 Taylor polynomial,
 *       2^n applied as two factors so results down in the subnormal range round once.</li>
 *   <li>sin and cos of x ∈ [0, π/4] by Taylor polynomials to x⁹ and x¹⁰.</li>
 * </ul>
 */
final class FloatApprox {
    /** High part of ln 2 (15 significant bits, so k·LN2_HI is exact for |k| &lt; 512). */
    static final float LN2_HI = 0.693145751953125f;
    /** ln 2 − LN2_HI. */
    static final float LN2_LO = 1.42860677e-06f;
    static final float LOG2E = 1.44269504f;
    /** 1.5·2²³: adding it rounds a float of magnitude &lt; 2²² to an integer, which its low bits then hold. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4b400000;
    /** Below this e^x is under half the smallest subnormal float. */
    static final float EXP_FLOOR = -104f;
    static final float SQRT2_MINUS_1 = 0.41421357f;
    /** Float bits of √½: adding 0x3f800000 − this to a float's bits carries into the exponent above √2. */
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    static final float ATANH3 = 2f / 3;
    static final float ATANH5 = 2f / 5;
    static final float ATANH7 = 2f / 7;
    static final float ATANH9 = 2f / 9;
    static final float EXP2 = 1f / 2;
    static final float EXP3 = 1f / 6;
    static final float EXP4 = 1f / 24;
    static final float EXP5 = 1f / 120;
    static final float EXP6 = 1f / 720;
    static final float EXP7 = 1f / 5040;
    static final float SIN3 = -1f / 6;
    static final float SIN5 = 1f / 120;
    static final float SIN7 = -1f / 5040;
    static final float SIN9 = 1f / 362880;
    static final float COS2 = -1f / 2;
    static final float COS4 = 1f / 24;
    static final float COS6 = -1f / 720;
    static final float COS8 = 1f / 40320;
    static final float COS10 = -1f / 3628800;
    /** (π/4)·2⁻²¹: an octant fraction of 21 bits times this is the angle in [0, π/4]. */
    static final float OCTANT_STEP = (float) (Math.PI / 4 / (1 << 21));
    static final float TWO_POW_MINUS_24 = 0x1p-24f;

    private FloatApprox() {
    }

    /** @return ln(1 + f) for f ∈ [√½ − 1, √2 − 1] */
    static float log1pReduced(float f) {
        float s = f / (2f + f);
        float z = s * s;
        float r = z * Math.fma(z, Math.fma(z, Math.fma(z, ATANH9, ATANH7), ATANH5), ATANH3);
        return Math.fma(-s, f - r, f);
    }

    /** @return ln u for a normal float u &gt; 0 */
    static float log(float u) {
        int ix = Float.floatToRawIntBits(u) + (0x3f800000 - SQRT_HALF_BITS);
        float k = (ix >> 23) - 127;
        float f = Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS) - 1f;
        return Math.fma(k, LN2_HI, Math.fma(k, LN2_LO, log1pReduced(f)));
    }

    /** @return e^x for x ≤ 0 (0 below about −104) */
    static float expNonPositive(float x) {
        float c = x < EXP_FLOOR ? EXP_FLOOR : x;
        float sum = Math.fma(c, LOG2E, ROUNDER);
        int k = Float.floatToRawIntBits(sum) - ROUNDER_BITS;
        float n = sum - ROUNDER;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, Math.fma(r, Math.fma(r, Math.fma(r, Math.fma(r, Math.fma(r, EXP7, EXP6), EXP5), EXP4),
                EXP3), EXP2), 1f);
        p = Math.fma(r, p, 1f);
        int k1 = k >> 1;
        return p * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k - k1 + 127) << 23);
    }

    /** @return sin x for x ∈ [0, π/4] */
    static float sinSmall(float x) {
        float z = x * x;
        float p = Math.fma(z, Math.fma(z, Math.fma(z, SIN9, SIN7), SIN5), SIN3);
        return Math.fma(x * z, p, x);
    }

    /** @return cos x for x ∈ [0, π/4] */
    static float cosSmall(float x) {
        float z = x * x;
        float p = Math.fma(z, Math.fma(z, Math.fma(z, Math.fma(z, COS10, COS8), COS6), COS4), COS2);
        return Math.fma(z, p, 1f);
    }

    /**
     * @param x ρ
     * @return ln(1 + e^x): max(x, 0) + ln(1 + t) with t = e^−|x|, ln(1 + t) through {@link #log1pReduced}
     * (after halving 1 + t when it exceeds √2)
     */
    static float softplus(float x, float t) {
        float pos = x > 0f ? x : 0f;
        boolean big = t > SQRT2_MINUS_1;
        float f = big ? (t - 1f) * 0.5f : t;
        float l = log1pReduced(f);
        if (big) {
            l = (l + LN2_LO) + LN2_HI;
        }
        return pos + l;
    }

    /** @return 1 / (1 + e^−x) given t = e^−|x| */
    static float sigmoid(float x, float t) {
        return (x >= 0f ? 1f : t) / (1f + t);
    }

    /** @return e^−|x| */
    static float expMinusAbs(float x) {
        return expNonPositive(Float.intBitsToFloat(Float.floatToRawIntBits(x) | 0x80000000));
    }
}
