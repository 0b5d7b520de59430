package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;

/** Reuse of work matrices: reshape in place when the backing array is large enough. */
public final class Buffers {
    /**
     * The most elements one Java array (hence one matrix) is given here: {@code Integer.MAX_VALUE − 8}, the JDK's own
     * soft limit (HotSpot refuses lengths a few below {@code Integer.MAX_VALUE}, and EJML any above it).
     */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

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
