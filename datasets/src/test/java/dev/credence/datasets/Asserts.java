package dev.credence.datasets;

import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers for user-error messages. */
public final class Asserts {
    private Asserts() {
    }

    /**
     * Asserts that {@code run} throws a one-line {@link CredenceInputException} containing every fragment.
     *
     * @param run       the failing call
     * @param fragments texts the message must contain
     * @return the message
     */
    public static String inputError(Executable run, String... fragments) {
        CredenceInputException e = assertThrows(CredenceInputException.class, run);
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        }
        return m;
    }
}
