package dev.credence.core.random;

import java.util.SplittableRandom;

/**
 * A seeded random stream. Every random draw in Credence comes from one of these, created from the run's
 * seed and split deterministically, so one seed fixes every number.
 *
 * <p>The noise fills ({@link #fillGaussian}, {@link #fillUnitUniform}, {@link #fillSigns}) can be recorded as a
 * {@link NoiseLayout} ({@link #record}) and their values replayed from a {@link NoiseTape} ({@link #replaying}), so a
 * forward pass can run on another thread with exactly the values it would have drawn here.
 */
public final class Rng {
    /** The generator, or null for a replaying stream. */
    private final SplittableRandom random;
    private final NoiseTape replay;
    private LaneStream gaussians;
    private LaneStream uniforms;
    private NoiseLayout recording;

    /** @param seed the seed of this stream */
    public Rng(long seed) {
        this(new SplittableRandom(seed), null);
    }

    private Rng(SplittableRandom random, NoiseTape replay) {
        this.random = random;
        this.replay = replay;
    }

    /**
     * @param tape values drawn by {@link NoiseLayout#draw}, read from its start
     * @return a stream whose noise fills return the tape's values in order, each call checked against the layout
     *     (kind and length); its other draws throw {@link IllegalStateException}
     */
    public static Rng replaying(NoiseTape tape) {
        tape.rewind();
        return new Rng(null, tape);
    }

    /**
     * Runs {@code pass}, drawing from this stream as usual, and records its noise fills.
     *
     * @param pass code that draws from this stream
     * @return the kinds and lengths of its noise fills, in order; not {@link NoiseLayout#replayable} when it drew in
     *     any other way (an integer, a seed, a split)
     */
    public NoiseLayout record(Runnable pass) {
        if (replay != null || recording != null) {
            throw new IllegalStateException("already recording or replaying");
        }
        NoiseLayout layout = new NoiseLayout();
        recording = layout;
        try {
            pass.run();
        } finally {
            recording = null;
        }
        return layout;
    }

    private SplittableRandom random() {
        if (random == null) {
            throw new IllegalStateException("a replayed stream has only its recorded noise fills");
        }
        if (recording != null) {
            recording.markOpaque();
        }
        return random;
    }

    /** @return an independent child stream; the parent advances deterministically */
    public Rng split() {
        return new Rng(random().split(), null);
    }

    /** @return a seed drawn from this stream, for components that store a seed rather than a stream */
    public long nextSeed() {
        return random().nextLong();
    }

    /**
     * @param bound exclusive upper bound
     * @return a uniform int in 0..bound-1
     */
    public int nextInt(int bound) {
        return random().nextInt(bound);
    }

    /** @return a uniform double in [0, 1) */
    public double nextDouble() {
        return random().nextDouble();
    }

    /** @return a uniform float in [0, 1) */
    public float nextFloat() {
        return (random().nextInt() >>> 8) * 0x1.0p-24f;
    }

    /** @return a standard normal draw (the JDK's ziggurat sampler) */
    public double nextGaussian() {
        return random().nextGaussian();
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
        if (noise(NoiseLayout.Kind.NORMAL, a, offset, length)) {
            return;
        }
        if (gaussians == null) {
            gaussians = LaneStream.normal(random::nextLong);
        }
        gaussians.fill(a, offset, length);
    }

    /** @return true when the fill was served by the replayed tape; records it when recording */
    private boolean noise(NoiseLayout.Kind kind, float[] a, int offset, int length) {
        if (replay != null) {
            replay.take(kind, a, offset, length);
            return true;
        }
        if (recording != null) {
            recording.add(kind, length);
        }
        return false;
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
        if (noise(NoiseLayout.Kind.UNIT_UNIFORM, a, offset, length)) {
            return;
        }
        unitUniforms(a, offset, length);
    }

    private void unitUniforms(float[] a, int offset, int length) {
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
        if (noise(NoiseLayout.Kind.SIGNS, a, offset, length)) {
            return;
        }
        unitUniforms(a, offset, length);
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
            int j = random().nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
