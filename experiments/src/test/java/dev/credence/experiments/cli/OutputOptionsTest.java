package dev.credence.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --quiet}, {@code --progress} and {@code --debug} as the user sees them on stderr. */
class OutputOptionsTest {
    @TempDir
    Path dir;

    private Path suite() throws IOException {
        return Files.writeString(dir.resolve("q.json"), "{\"name\": \"q\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 3}}]}");
    }

    @Test
    void quietLeavesOnlyTheFinalSummary() throws IOException {
        String[] s = MainTest.run(0, "--quiet", "run", suite().toString(), "--out", dir.resolve("a").toString());
        assertEquals(1, s[1].lines().count(), s[1]);
        assertTrue(s[1].startsWith("results: " + dir.resolve("a") + " (2 runs;"), s[1]);
        assertTrue(s[0].contains("| moons | map | 2 |"), "the summary table on stdout: " + s[0]);
    }

    @Test
    void progressNoneKeepsTheNotesAndBarDrawsInPlace() throws IOException {
        String[] none = MainTest.run(0, "run", suite().toString(), "--out", dir.resolve("a").toString(), "--progress=none");
        assertTrue(none[1].startsWith("suite q: 2 runs → "), none[1]);
        assertFalse(none[1].contains("[1/2]"), none[1]);
        String[] bar = MainTest.run(0, "run", suite().toString(), "--out", dir.resolve("b").toString(), "--progress", "bar");
        assertTrue(bar[1].contains("\r\033[K[2/2]"), bar[1]);
        assertTrue(bar[1].contains("\nresults: "), "the bar's line ends before the summary line: " + bar[1]);
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertEquals("error: methods: --progress: unknown value 'fancy'; expected bar, lines or none; see 'credence methods --help'\n",
                MainTest.run(2, "methods", "--progress=fancy")[1]);
        assertEquals("error: methods: --progress needs a value (bar|lines|none); see 'credence methods --help'\n",
                MainTest.run(2, "methods", "--progress")[1]);
    }

    @Test
    void libraryInfoLoggingOnlyWithDebug() {
        MainTest.run(0, "--debug", "methods");
        assertEquals(Level.INFO, Logging.level());
        MainTest.run(0, "methods");
        assertEquals(Level.WARNING, Logging.level());
    }
}
