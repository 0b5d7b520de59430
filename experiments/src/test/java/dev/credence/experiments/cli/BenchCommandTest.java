package dev.credence.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.kernel.Sgemm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int saved = Sgemm.threads();
        try {
            new BenchCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } finally {
            Sgemm.setThreads(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneJsonLinePerMethodOnStdout() throws Exception {
        String out = run("--method", "map", "--hidden", "6,5", "--batch", "10", "--examples", "40", "--threads", "1",
                "--repeats", "1");
        String[] lines = out.strip().split("\n");
        assertEquals(1, lines.length, out);
        JsonNode o = new ObjectMapper().readTree(lines[0]);
        assertEquals("map", o.get("method").asText());
        assertEquals(1, o.get("settings").get("threads").asInt());
        assertEquals(5, o.get("settings").get("hidden").get(1).asInt());
        assertTrue(o.get("train_examples_per_s").asDouble() > 0);
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThrows(CredenceInputException.class, () -> run("--batch", "0"));
        assertThrows(CredenceInputException.class, () -> run("--hidden", "4,x"));
        assertThrows(CredenceInputException.class, () -> run("--method", "nosuch", "--examples", "10"));
        assertThrows(CredenceInputException.class, () -> run("--frobnicate"));
    }
}
