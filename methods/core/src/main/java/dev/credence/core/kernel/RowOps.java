package dev.credence.core.kernel;

/**
 * Row-broadcast work on row-major matrices: adding a vector to every row (a bias) and adding the column sums
 * to a vector (a bias gradient). On the Vector API when {@code jdk.incubator.vector} is present (C2 does not
 * vectorize these loops by itself: measured 0.3 ns per element, one add per cycle), else plain loops. Each
 * element gets the same operations in the same order on both paths (column sums add row 0, 1, 2, … in turn), so
 * the results are bit-identical.
 */
public final class RowOps {
    /** The vector-API implementation, or null. */
    private static final Impl VECTOR = selectVector();

    /** What a path implements. */
    interface Impl {
        /** m[r·cols + c] += v[c] for every r &lt; rows, c &lt; cols. */
        void addToRows(float[] m, int rows, int cols, float[] v);

        /** acc[c] += Σ_r m[r·cols + c], adding rows in order. */
        void addColumnSums(float[] m, int rows, int cols, float[] acc);
    }

    private RowOps() {
    }

    /**
     * Adds {@code v} to each of the first {@code rows} rows of {@code m}.
     *
     * @param m    row-major matrix
     * @param rows rows
     * @param cols columns (= length used of v)
     * @param v    the row vector
     */
    public static void addToRows(float[] m, int rows, int cols, float[] v) {
        if (VECTOR != null) {
            VECTOR.addToRows(m, rows, cols, v);
        } else {
            SCALAR.addToRows(m, rows, cols, v);
        }
    }

    /**
     * Adds the column sums of the first {@code rows} rows of {@code m} to {@code acc}.
     *
     * @param m    row-major matrix
     * @param rows rows
     * @param cols columns
     * @param acc  accumulator of length ≥ cols
     */
    public static void addColumnSums(float[] m, int rows, int cols, float[] acc) {
        if (VECTOR != null) {
            VECTOR.addColumnSums(m, rows, cols, acc);
        } else {
            SCALAR.addColumnSums(m, rows, cols, acc);
        }
    }

    /** The portable path. */
    static final Impl SCALAR = new Impl() {
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
    };

    /** @return the Vector API path, or null without the incubator module (or with credence.gemm.kernel=scalar) */
    static Impl vectorPath() {
        return VECTOR;
    }

    private static Impl selectVector() {
        if (!Sgemm.vectorized()) {
            return null;
        }
        try {
            Impl vector = (Impl) Class.forName("dev.credence.core.kernel.VectorRowOps").getDeclaredConstructor().newInstance();
            // run both once before they get hot, as ElementwiseKernels does (values thrown away)
            float[] m = new float[3 * 40];
            float[] v = new float[40];
            vector.addToRows(m, 3, 40, v);
            vector.addColumnSums(m, 3, 40, v);
            return vector;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
