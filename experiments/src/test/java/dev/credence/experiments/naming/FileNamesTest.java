package dev.credence.experiments.naming;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileNamesTest {
    @Test
    void plainNamesStayReadable() {
        assertEquals("fmnist-lt10", FileNames.encode("fmnist-lt10"));
        assertEquals("bbb-local", FileNames.encode("bbb-local"));
        assertEquals("a.b", FileNames.encode("a.b"));
    }

    @Test
    void namesThatOnceCollidedGetDistinctEncodings() {
        assertNotEquals(FileNames.encode("mönd"), FileNames.encode("mänd"));
        assertNotEquals(FileNames.encode("m/x"), FileNames.encode("m_x"));
        assertNotEquals(FileNames.encode("a/b"), FileNames.encode("a_b"));
        assertEquals("m_2Fx", FileNames.encode("m/x"));
        assertEquals("m_5Fx", FileNames.encode("m_x"));
    }

    @Test
    void encodingsAreSafePathComponentsAndRoundTrip() {
        for (String name : List.of("..", ".", ".hidden", "a b", "x__y", "__", "日本", "a\\b", "c:d", "e\u0000f", "_")) {
            String e = FileNames.encode(name);
            assertFalse(e.startsWith("."), e);
            assertFalse(e.contains("/") || e.contains("\\") || e.contains("__"), e);
            assertTrue(e.matches("[A-Za-z0-9.=_-]+"), e);
            assertEquals(name, FileNames.decode(e));
        }
    }

    @Test
    void decodeRefusesWhatEncodeNeverWrites() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a_2"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a_zz"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a_41"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a b"));
    }

    @Test
    void clashKeyFindsCaseOnlyDifferences() {
        assertEquals(FileNames.clashKey("Map"), FileNames.clashKey("map"));
        assertNotEquals(FileNames.clashKey("m_x"), FileNames.clashKey("m/x"));
    }
}
