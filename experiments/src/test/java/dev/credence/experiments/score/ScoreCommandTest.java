package dev.credence.experiments.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    @TempDir
    Path dir;

    static JsonNode runAndParse(List<String> args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ScoreCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        // exactly one JSON object and nothing else
        JsonNode node = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(out);
        assertTrue(node.isObject(), out);
        return node;
    }

    private Path file() throws IOException {
        Path f = dir.resolve("p.csv");
        // two examples: [0.6,0.4] y=0 right (bin 9 of 15, bin 6 of 10); [0.3,0.7] y=0 wrong
        Files.writeString(f, "label,p_0,p_1\n0,0.6,0.4\n0,0.3,0.7\n");
        return f;
    }

    @Test
    void printsTheReport() throws IOException {
        JsonNode o = runAndParse(List.of(file().toString()));
        assertEquals(15, o.get("bins").asInt());
        assertEquals(2, o.get("n").asInt());
        assertEquals(0.5, o.get("accuracy").asDouble(), 0.0);
        // ECE: |1 - 0.6|/2 + |0 - 0.7|/2 = 0.55
        assertEquals(0.55, o.get("ece").asDouble(), 1e-12);
        assertEquals(0.0, o.get("mutual_information").asDouble(), 0.0);
        assertEquals(o.get("entropy").asDouble(), o.get("expected_entropy").asDouble(), 0.0);
        assertEquals(15, o.get("reliability").size());
        assertEquals(1, o.get("reliability").get(8).get("count").asInt());
    }

    @Test
    void binsOption() throws IOException {
        Path f = file();
        assertEquals(10, runAndParse(List.of(f.toString(), "--bins", "10")).get("reliability").size());
        assertEquals(4, runAndParse(List.of("--bins=4", f.toString())).get("bins").asInt());
        assertEquals(1, runAndParse(List.of(f.toString(), "--bins", "1")).get("reliability").size());
    }

    private static void badArgs(List<String> args, String fragment) {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> ScoreCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badArguments() throws IOException {
        String f = file().toString();
        badArgs(List.of(f, "--bins", "0"), "'0'");
        badArgs(List.of(f, "--bins", "x"), "--bins");
        badArgs(List.of(f, "--bins", "2.5"), "'2.5'");
        badArgs(List.of(f, "--bins"), "--bins needs a value");
        badArgs(List.of(f, "--bins", "3", "--bins", "4"), "more than once");
        badArgs(List.of(f, "--bogus"), "'--bogus'");
        badArgs(List.of(), "missing predictions file");
        badArgs(List.of(f, f), "unexpected argument");
        badArgs(List.of(dir.resolve("missing.csv").toString()), "missing.csv");
    }
}
