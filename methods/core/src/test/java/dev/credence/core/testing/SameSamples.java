package dev.credence.core.testing;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.PredictiveSamples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions that two predictions are the same to the bit, for the tests of seeds, copies and thread counts. */
public final class SameSamples {
    private SameSamples() {
    }

    /** Asserts the same number of samples and every sample's array bit for bit equal; {@code what} names the case. */
    public static void assertSame(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": sample count");
        for (int s = 0; s < expected.length; s++) {
            assertArrayEquals(expected[s], actual[s], what + ": sample " + s);
        }
    }

    /** {@link #assertSame(float[][], float[][], String)} of the probabilities. */
    public static void assertSame(PredictiveSamples expected, PredictiveSamples actual, String what) {
        assertSame(expected.probs(), actual.probs(), what);
    }

    /** {@link #assertSame(float[][], float[][], String)} of the logits. */
    public static void assertSame(LogitSamples expected, LogitSamples actual, String what) {
        assertSame(expected.logits(), actual.logits(), what);
    }
}
