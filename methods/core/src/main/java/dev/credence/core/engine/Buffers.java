package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;

/** Reuse of work matrices: reshape in place when the backing array is large enough. */
public final class Buffers {
    private Buffers() {
    }

    /**
     * @param m    an existing buffer or null
     * @param rows wanted rows
     * @param cols wanted columns
     * @return {@code m} reshaped, or a new matrix when {@code m} is null
     */
    public static FMatrixRMaj ensure(FMatrixRMaj m, int rows, int cols) {
        if (m == null) {
            return new FMatrixRMaj(rows, cols);
        }
        m.reshape(rows, cols);
        return m;
    }
}
