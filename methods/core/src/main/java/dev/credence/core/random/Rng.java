package dev.credence.core.random;

import java.util.SplittableRandom;

/**
 * A seeded random stream. Every random draw in Credence comes from one of these, created from the run's
 * seed and split deterministically, so one seed fixes every number.
 */
public final class Rng {
    private final SplittableRandom random;
    private LaneStream gaussians;
    private LaneStream uniforms;

    /** @param seed the seed of this stream */
    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** @return an independent child stream; the parent advances deterministically */
    public Rng split() {
        return new Rng(random.split());
    }

    /** @return a seed drawn from this stream, for components that store a seed rather than a stream */
    public long nextSeed() {
        return random.nextLong();
    }

    /**
     * @param bound exclusive upper bound
     * @return a uniform int in 0..bound-1
     */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** @return a uniform double in [0, 1) */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** @return a uniform float in [0, 1) */
    public float nextFloat() {
        return (random.nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** @return a standard normal draw (the JDK's ziggurat sampler) */
    public double nextGaussian() {
        return random.nextGaussian();
    }

    /**
     * Fills {@code a[offset..offset+length)} with standard normal draws from this stream's normal {@link LaneStream},
     * seeded from this stream on the first call (so it advances the other draws once, by 32 longs). The values
     * are not those of {@link #nextGaussian()}.
     *
     * @param a      target
     * @param offset first index
     * @param length number of draws
     */
    public void fillGaussian(float[] a, int offset, int length) {
        if (gaussians == null) {
            gaussians = LaneStream.normal(random::nextLong);
        }
        gaussians.fill(a, offset, length);
    }

    /**
     * Fills {@code a[offset..offset+length)} with uniform draws in [0, 1) from this stream's uniform
     * {@link LaneStream}, seeded from this stream on the first call (advancing the other draws once, by 32 longs);
     * about ten times faster than {@link #fillUniform}, whose values (those of {@link #nextFloat()}) it does not
     * reproduce.
     *
     * @param a      target
     * @param offset first index
     * @param length number of draws
     */
    public void fillUnitUniform(float[] a, int offset, int length) {
        if (uniforms == null) {
            uniforms = LaneStream.uniform(random::nextLong);
        }
        uniforms.fill(a, offset, length);
    }

    /**
     * Fills {@code a[offset..offset+length)} with random signs, −1 or +1 with probability ½ each: one draw u of
     * {@link #fillUnitUniform} per entry (so it advances that stream, not the normal one), −1 when u &lt; ½.
     *
     * @param a      target
     * @param offset first index
     * @param length number of signs
     */
    public void fillSigns(float[] a, int offset, int length) {
        fillUnitUniform(a, offset, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            // u − ½ is exact on the 2⁻²⁴ grid and negative exactly when u < ½; its sign bit goes onto 1.0f
            a[i] = Float.intBitsToFloat(ONE_BITS | (Float.floatToRawIntBits(a[i] - 0.5f) & SIGN_BIT));
        }
    }

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int SIGN_BIT = 0x8000_0000;

    /**
     * Fills {@code a[offset..offset+length)} with uniform draws in [lo, hi).
     *
     * @param a      target
     * @param offset first index
     * @param length number of draws
     * @param lo     lower bound
     * @param hi     upper bound
     */
    public void fillUniform(float[] a, int offset, int length, float lo, float hi) {
        float width = hi - lo;
        for (int i = offset, end = offset + length; i < end; i++) {
            a[i] = lo + width * nextFloat();
        }
    }

    /**
     * @param n size
     * @return a uniformly random permutation of 0..n-1 (Fisher-Yates)
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** @param a array shuffled in place (Fisher-Yates) */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
