package dev.credence.core.train;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

/**
 * A reusable minibatch buffer: rows gathered from a table by index, without per-step allocation.
 */
public final class Minibatch {
    private final FMatrixRMaj x;
    private final int[] y;
    private int size;

    /**
     * @param capacity maximum rows
     * @param features columns
     */
    public Minibatch(int capacity, int features) {
        this.x = new FMatrixRMaj(capacity, features);
        this.y = new int[capacity];
    }

    /**
     * Copies rows {@code order[from..to)} of {@code data} into this buffer.
     *
     * @param data  source table
     * @param order row order for this epoch
     * @param from  first position in {@code order}
     * @param to    one past the last position
     */
    public void gather(DenseData data, int[] order, int from, int to) {
        int d = data.numFeatures();
        size = to - from;
        x.reshape(size, d);
        float[] src = data.x().data;
        int[] labels = data.y();
        for (int i = 0; i < size; i++) {
            int row = order[from + i];
            System.arraycopy(src, row * d, x.data, i * d, d);
            y[i] = labels[row];
        }
    }

    /** @return the features of the current rows (size×D) */
    public FMatrixRMaj x() {
        return x;
    }

    /** @return labels; only the first {@link #size()} are valid */
    public int[] y() {
        return y;
    }

    /** @return number of rows currently held */
    public int size() {
        return size;
    }
}
