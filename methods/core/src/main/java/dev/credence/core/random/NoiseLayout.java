package dev.credence.core.random;

import java.util.Arrays;

/**
 * The noise fills one piece of code made on an {@link Rng}, in order: each fill's kind and length
 * ({@link Rng#record}). {@link #draw} draws the same fills again from a stream into a {@link NoiseTape}, which
 * {@link Rng#replaying} serves back, so the code can run elsewhere with the values it would have drawn.
 */
public final class NoiseLayout {
    /** What a fill draws. */
    enum Kind {
        /** {@link Rng#fillGaussian} */
        NORMAL,
        /** {@link Rng#fillUnitUniform} */
        UNIT_UNIFORM,
        /** {@link Rng#fillSigns} */
        SIGNS
    }

    /** The layout of code that draws nothing. */
    public static final NoiseLayout NONE = new NoiseLayout();

    private Kind[] kinds = new Kind[8];
    private int[] lengths = new int[8];
    private int fills;
    private long total;
    private boolean opaque;

    NoiseLayout() {
    }

    void add(Kind kind, int length) {
        if (fills == kinds.length) {
            kinds = Arrays.copyOf(kinds, 2 * fills);
            lengths = Arrays.copyOf(lengths, 2 * fills);
        }
        kinds[fills] = kind;
        lengths[fills] = length;
        fills++;
        total += length;
    }

    void markOpaque() {
        opaque = true;
    }

    /** @return false when the recorded code drew other than by noise fills, or more values than one array holds */
    public boolean replayable() {
        return !opaque && total <= Integer.MAX_VALUE - 8;
    }

    /** @return the number of values all fills draw */
    public long values() {
        return total;
    }

    /** @return whether the code drew nothing at all */
    public boolean empty() {
        return fills == 0 && !opaque;
    }

    /**
     * Draws every fill of this layout from {@code rng}, in order, into {@code tape} (replacing its contents); the
     * stream advances exactly as the recorded code advanced it.
     *
     * @param rng  the stream the recorded code would have drawn from
     * @param tape where the values go
     */
    public void draw(Rng rng, NoiseTape tape) {
        if (!replayable()) {
            throw new IllegalStateException("the recorded code drew other than by noise fills");
        }
        float[] v = tape.reset(this, (int) total);
        int at = 0;
        for (int i = 0; i < fills; i++) {
            int n = lengths[i];
            switch (kinds[i]) {
                case NORMAL -> rng.fillGaussian(v, at, n);
                case UNIT_UNIFORM -> rng.fillUnitUniform(v, at, n);
                case SIGNS -> rng.fillSigns(v, at, n);
            }
            at += n;
        }
    }

    int fills() {
        return fills;
    }

    Kind kind(int i) {
        return kinds[i];
    }

    int length(int i) {
        return lengths[i];
    }
}
