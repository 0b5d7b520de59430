package dev.credence.core.kernel;

/**
 * The {@link Elementwise} implementation in use, chosen once when this class loads by {@link VectorChoice} (the
 * Vector API one, warmed up on every kernel, else the scalar one). Results do not depend on the choice.
 */
public final class ElementwiseKernels {
    private static final Elementwise SELECTED = select();

    private ElementwiseKernels() {
    }

    /** @return the implementation in use */
    public static Elementwise selected() {
        return SELECTED;
    }

    /** @return a scalar implementation (for comparisons; same results as {@link #selected()}) */
    public static Elementwise scalar() {
        return new ScalarElementwise();
    }

    /** The warm-up ({@link VectorChoice}): every kernel once on a few elements. */
    private static void touch(Elementwise e) {
        int n = 2 * BLOCK_FLOATS;
        int[] state = new int[Elementwise.STATE_INTS];
        java.util.Arrays.fill(state, 1);
        int[] bits = new int[n];
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] d = new float[n];
        float[] f = new float[n];
        e.randomBits(state, bits, 2);
        e.normalsFromBits(bits, a, 0, 2);
        e.uniformsFromBits(bits, b, 0, 2);
        e.softplusSigmoid(a, c, d, f, 0, n);
        e.gaussianKlGradients(c, d, a, b, f, 0.5f, 1f, 0, n);
        e.addToRows(a, 2, BLOCK_FLOATS, b);
        e.addColumnSums(a, 2, BLOCK_FLOATS, b);
    }

    private static final int BLOCK_FLOATS = Elementwise.BLOCK;

    private static Elementwise select() {
        Elementwise vector = VectorChoice.vector("dev.credence.core.kernel.VectorElementwise", Elementwise.class,
                ElementwiseKernels::touch);
        return vector != null ? vector : new ScalarElementwise();
    }
}
