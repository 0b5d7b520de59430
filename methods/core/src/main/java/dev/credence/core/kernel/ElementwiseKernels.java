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

    private static Elementwise select() {
        if (!"scalar".equals(System.getProperty("credence.elementwise"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Elementwise) Class.forName("dev.credence.core.kernel.VectorElementwise")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // the module is there but unusable on this JVM: fall back
            }
        }
        return new ScalarElementwise();
    }
}
