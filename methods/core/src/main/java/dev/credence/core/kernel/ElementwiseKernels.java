package dev.credence.core.kernel;

/**
 * Chooses the {@link Elementwise} implementation once, when this class loads: the Vector API one when
 * {@code jdk.incubator.vector} is in the boot layer and links, unless the system property
 * {@code credence.elementwise=scalar} asks for the fallback. Results do not depend on the choice.
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

    /**
     * Runs every kernel once on a few elements, so the vector classes are initialised and the calls resolved before
     * any kernel gets hot; the values are thrown away. Why: without it C2 sometimes compiled the kernels with
     * boxed vectors (the measurement is in {@code experiments/bench/README.md}).
     */
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
        if (!"scalar".equals(System.getProperty("credence.elementwise"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Elementwise vector = (Elementwise) Class.forName("dev.credence.core.kernel.VectorElementwise")
                        .getDeclaredConstructor().newInstance();
                touch(vector);
                return vector;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // the module is there but unusable on this JVM: fall back
            }
        }
        return new ScalarElementwise();
    }
}
