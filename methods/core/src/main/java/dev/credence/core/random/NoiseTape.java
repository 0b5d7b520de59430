package dev.credence.core.random;

/**
 * The values of one {@link NoiseLayout}'s fills, drawn by {@link NoiseLayout#draw} and read back, fill by fill, by a
 * stream from {@link Rng#replaying}. A tape is reused: its array grows to the largest layout it has held.
 */
public final class NoiseTape {
    private float[] values = new float[0];
    private NoiseLayout layout;
    private int fill;
    private int position;

    float[] reset(NoiseLayout layout, int length) {
        if (values.length < length) {
            values = new float[length];
        }
        this.layout = layout;
        rewind();
        return values;
    }

    void rewind() {
        fill = 0;
        position = 0;
    }

    void take(NoiseLayout.Kind kind, float[] a, int offset, int length) {
        if (layout == null || fill >= layout.fills() || layout.kind(fill) != kind || layout.length(fill) != length) {
            throw new IllegalStateException("replayed fill " + fill + " (" + kind + ", " + length
                    + " values) does not match the recorded layout");
        }
        System.arraycopy(values, position, a, offset, length);
        position += length;
        fill++;
    }

    /** @return whether every recorded fill has been read since the last {@link Rng#replaying} */
    public boolean consumed() {
        return layout != null && fill == layout.fills();
    }
}
