package dev.credence.experiments.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names that once shared a file (mönd/mänd, m/x and m_x, a/b and a_b) now get one result file and one figure each. */
class NamesEndToEndTest {
    @TempDir
    Path dir;

    static String moons(String name) {
        return "{\"name\": \"" + name + "\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}";
    }

    static String map(String name) {
        return "{\"name\": \"" + name + "\", \"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 2}}";
    }

    @Test
    void everyNameGetsItsOwnFiles() throws IOException {
        Path suite = Files.writeString(dir.resolve("n.json"), "{\"name\": \"n\", \"seeds\": [0], \"datasets\": ["
                + String.join(", ", moons("mönd"), moons("mänd"), moons("a/b"), moons("a_b")) + "], \"methods\": ["
                + String.join(", ", map("m/x"), map("m_x")) + "]}");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = cli("run", suite.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals(8, SuiteRunTest.results(out).size(), "4 datasets × 2 methods, no overwrite, nothing skipped");
        assertTrue(Files.exists(out.resolve("m_C3_B6nd__m_2Fx__seed0.json")));
        assertTrue(Files.exists(out.resolve("m_C3_A4nd__m_5Fx__seed0.json")));
        SuiteRunTest.Outcome r = cli("report", out.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(0, r.status(), r.err());
        List<String> reliability;
        try (var s = Files.list(dir.resolve("rep").resolve("figures"))) {
            reliability = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("reliability_") && n.endsWith(".png")).sorted().toList();
        }
        assertEquals(List.of("reliability_a_2Fb.png", "reliability_a_5Fb.png", "reliability_m_C3_A4nd.png", "reliability_m_C3_B6nd.png"),
                reliability);
    }
}
