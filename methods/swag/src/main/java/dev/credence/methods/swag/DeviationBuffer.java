package dev.credence.methods.swag;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code rank} deviation columns θ_i − θ̄_i of SWAG's matrix D, oldest first; older ones are dropped. A
 * column is never written once added, so the arrays can be shared.
 */
final class DeviationBuffer {
    private final float[][] ring;
    private int next;
    private int size;

    /** @param rank the number of columns kept, ≥ 1 */
    DeviationBuffer(int rank) {
        this.ring = new float[rank][];
    }

    /** @param column a deviation, kept by reference (the caller gives it up) */
    void add(float[] column) {
        ring[next] = column;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** @return the kept columns, oldest first (the arrays themselves) */
    List<float[]> columns() {
        List<float[]> columns = new ArrayList<>(size);
        int oldest = size < ring.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            columns.add(ring[(oldest + i) % ring.length]);
        }
        return columns;
    }
}
