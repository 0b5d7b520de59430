package dev.credence.core.kernel;

import java.util.function.Consumer;

/**
 * How every kernel of this package chooses, once, between its JDK Vector API implementation and its scalar fallback,
 * and warms the chosen one up. The Vector API implementation is used when {@code jdk.incubator.vector} is in the boot
 * layer, the system property {@value #PROPERTY} is not {@code scalar}, and the class loads, links and runs its
 * warm-up; otherwise the caller takes its scalar fallback. Results never depend on the choice.
 *
 * <p>The warm-up runs the implementation once on a few elements before anything gets hot, so its vector classes are
 * initialised and its calls resolved when C2 first compiles it. Why: without it C2 sometimes compiled the
 * element-wise kernels with boxed vectors (experiments/bench/README.md).
 */
final class VectorChoice {
    /** The system property that, set to {@code scalar}, makes every kernel use its scalar fallback. */
    static final String PROPERTY = "credence.kernel";

    private VectorChoice() {
    }

    /** @return whether the Vector API may be tried: the module is in the boot layer and the property allows it */
    static boolean allowed() {
        return !"scalar".equals(System.getProperty(PROPERTY))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * @param className a Vector API implementation with a static no-argument {@code create()} method, loaded by name so
     *                  that nothing links it on a JVM without the module
     * @param type      what it implements
     * @param warmUp    runs it once on a few elements (its results are thrown away)
     * @param <T>       the kernel type
     * @return the implementation, warmed up; null when {@link #allowed} is false or it fails to load, link or run
     */
    static <T> T vector(String className, Class<T> type, Consumer<? super T> warmUp) {
        if (!allowed()) {
            return null;
        }
        try {
            T kernel = type.cast(Class.forName(className).getDeclaredMethod("create").invoke(null));
            warmUp.accept(kernel);
            return kernel;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // the module is there but unusable on this JVM: the caller falls back
        }
    }
}
