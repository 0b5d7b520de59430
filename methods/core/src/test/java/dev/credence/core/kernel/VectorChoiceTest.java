package dev.credence.core.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one selection: the Vector API implementation, warmed up, unless it is not allowed or fails; then null. */
class VectorChoiceTest {
    private static final String NARROW = "dev.credence.core.kernel.VectorNarrowSgemm";

    @Test
    void aMissingClassOrAFailingWarmUpGivesTheFallback() {
        assertNull(VectorChoice.vector("dev.credence.core.kernel.NoSuchKernel", GemmDriver.class, d -> { }));
        assertNull(VectorChoice.vector(NARROW, GemmDriver.class, d -> {
            throw new IllegalStateException("warm-up failed");
        }));
        assertNull(VectorChoice.vector(NARROW, MicroKernel.class, k -> { }), "not of the asked type");
    }

    @Test
    void thePropertyAsksForTheScalarFallback() {
        String before = System.getProperty(VectorChoice.PROPERTY);
        try {
            System.setProperty(VectorChoice.PROPERTY, "scalar");
            int[] warmed = {0};
            assertNull(VectorChoice.vector(NARROW, GemmDriver.class, d -> warmed[0]++));
            assertEquals(0, warmed[0], "nothing is loaded or run");
            System.clearProperty(VectorChoice.PROPERTY);
            if (VectorChoice.allowed()) {
                assertNotNull(VectorChoice.vector(NARROW, GemmDriver.class, d -> warmed[0]++));
                assertEquals(1, warmed[0], "warmed up once");
            }
        } finally {
            if (before == null) {
                System.clearProperty(VectorChoice.PROPERTY);
            } else {
                System.setProperty(VectorChoice.PROPERTY, before);
            }
        }
    }
}
