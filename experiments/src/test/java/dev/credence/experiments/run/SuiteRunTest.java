package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.experiments.cli.Main;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small suite end to end through the command line: results, skip on re-run, force, determinism, divergence. */
class SuiteRunTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path suite(String methods) throws IOException {
        Path f = dir.resolve("tiny.json");
        Files.writeString(f, "{\"name\": \"tiny\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [150, 150], \"noise\": 0.2}, \"imbalance\": \"step(0.5,5)\"}],"
                + "\"methods\": [" + methods + "]}");
        return f;
    }

    static final String MAP = "{\"method\": \"map\", \"params\": {\"hidden\": [16], \"epochs\": 30, \"batch_size\": 16, \"learning_rate\": 0.01}}";

    static List<Path> results(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode withoutTimings(Path p) {
        return RunResult.read(p).withoutTimings().toJson();
    }

    @Test
    void runWritesResultsSkipsFinishedRunsAndIsDeterministic() throws IOException {
        Path suite = suite(MAP);
        Path out = dir.resolve("out");
        Outcome first = cli("run", suite.toString(), "--out", out.toString());
        assertEquals(0, first.status(), first.err());
        List<Path> files = results(out);
        assertEquals(List.of("moons__map__seed0.json", "moons__map__seed1.json"), files.stream().map(p -> p.getFileName().toString()).toList());
        RunResult r = RunResult.read(files.get(0));
        assertEquals(RunResult.Status.OK, r.status());
        assertEquals("credence-run/2", r.format());
        assertEquals(64, r.fingerprint().length());
        assertEquals(30, r.scored().trainingCurve().size());
        // per class 150: test round(0.25·150) = 38 → pool 112; step(0.5,5) keeps class 1 at ⌊112/5⌋ = 22;
        // validation round(0.1·112) = 11 and round(0.1·22) = 2 → train 101 and 20
        assertArrayEquals(new int[] {101, 20}, r.dataset().prepared().trainCounts());
        assertTrue(r.metrics().metric("balanced_accuracy") > 0.75, r.metrics().values().toString());
        assertTrue(r.provenance().toString().contains("MapTrainer"));
        Path copy = dir.resolve("copy.json");
        r.write(copy);
        assertArrayEquals(Files.readAllBytes(files.get(0)), Files.readAllBytes(copy), "a result reads back to its own bytes");
        assertTrue(first.out().contains("| moons | map | 2 |"), first.out());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| moons | map | 2 |"));
        assertTrue(first.err().contains("[2/2] map × moons × seed 1: ok"), first.err());

        JsonNode before = withoutTimings(files.get(0));
        String timingsBefore = MAPPER.readTree(files.get(0).toFile()).path("timings").toString();
        Outcome second = cli("run", suite.toString(), "--out", out.toString());
        assertEquals(0, second.status());
        assertTrue(second.err().contains("[1/2] map × moons × seed 0: result exists, skipped"), second.err());
        assertEquals(timingsBefore, MAPPER.readTree(files.get(0).toFile()).path("timings").toString(), "skipped run untouched");

        Outcome forced = cli("run", suite.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.status());
        assertFalse(forced.err().contains("skipped"));
        assertEquals(before, withoutTimings(files.get(0)), "same seed, same numbers");
        assertNotEquals(withoutTimings(files.get(0)).path("metrics"), withoutTimings(files.get(1)).path("metrics"));
    }

    @Test
    void aDivergingRunIsRecordedAndTheSuiteGoesOn() throws IOException {
        String diverging = "{\"name\": \"wild\", \"method\": \"map\", \"params\": {\"hidden\": [16], \"epochs\": 30, \"optimizer\": \"sgd\", \"learning_rate\": 1000}}";
        Path out = dir.resolve("out");
        Outcome o = cli("run", suite(diverging + ", " + MAP).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        RunResult wild = RunResult.read(out.resolve("moons__wild__seed0.json"));
        assertEquals(RunResult.Status.DIVERGED, wild.status());
        assertEquals("map", wild.divergence().method());
        assertTrue(wild.divergence().epoch() >= 1);
        assertTrue(wild.divergence().step() >= 1);
        assertFalse(MAPPER.readTree(out.resolve("moons__wild__seed0.json").toFile()).has("metrics"));
        Path copy = dir.resolve("copy.json");
        wild.write(copy);
        assertArrayEquals(Files.readAllBytes(out.resolve("moons__wild__seed0.json")), Files.readAllBytes(copy));
        assertEquals("ok", MAPPER.readTree(out.resolve("moons__map__seed0.json").toFile()).path("status").asText());
        assertTrue(o.out().contains("| moons | wild | 0 (+2 diverged) | diverged |"), o.out());
        assertTrue(o.err().contains("map diverged at epoch"), o.err());
    }

    @Test
    void aKilledWritersTemporaryIsCleanedUpAndAUsersFileIsLeftAlone() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", suite(MAP).toString(), "--out", out.toString()).status());
        Path ours = out.resolve(".moons__map__seed0.json.4242-0123456789abcdef.credence-tmp");
        Files.writeString(ours, "{\"format\": \"credence-run/2\", \"stat");
        Path users = Files.writeString(out.resolve("notes.json.tmp"), "my notes");
        Files.delete(out.resolve("moons__map__seed1.json"));
        Outcome o = cli("run", suite(MAP).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("[1/2] map × moons × seed 0: result exists, skipped"), o.err());
        assertFalse(Files.exists(ours), "a killed writer's temporary is removed");
        assertEquals("my notes", Files.readString(users), "a file the harness did not write is untouched");
        assertEquals("ok", MAPPER.readTree(out.resolve("moons__map__seed1.json").toFile()).path("status").asText());
    }

    @Test
    void anOutputFolderThatIsAFileIsRejectedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("occupied"), "x");
        Outcome o = cli("run", suite(MAP).toString(), "--out", file.toString());
        assertEquals(2, o.status());
        assertEquals("error: " + file + ": the output folder is a file\n", o.err().substring(o.err().indexOf("error:")));
    }
}
