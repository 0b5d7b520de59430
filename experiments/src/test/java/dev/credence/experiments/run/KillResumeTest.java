package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.experiments.results.ResultComparison;
import dev.credence.experiments.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chaos: a suite running in a forked JVM is killed with SIGKILL part-way; no partial file passes for a result,
 * and resuming gives exactly the results of an uninterrupted run.
 */
class KillResumeTest {
    @TempDir
    Path dir;

    static final String SUITE = "{\"name\": \"chaos\", \"seeds\": [0, 1, 2, 3], \"datasets\": ["
            + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [800, 800], \"noise\": 0.25}, \"imbalance\": \"step(0.5,8)\"}],"
            + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [32, 32], \"epochs\": 60, \"batch_size\": 16}}]}";

    static long jsonFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    @Test
    void killedSuiteResumesToTheSameResults() throws Exception {
        Path suite = Files.writeString(dir.resolve("chaos.json"), SUITE);
        Path killed = dir.resolve("killed");
        Path clean = dir.resolve("clean");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.credence.experiments.cli.Main", "run", suite.toString(), "--out", killed.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("forked.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jsonFiles(killed) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the forked suite finished before it could be killed: " + Files.readString(dir.resolve("forked.log")));
        p.destroyForcibly().waitFor();
        long survivors = jsonFiles(killed);
        assertTrue(survivors >= 2 && survivors < 4, "killed part-way: " + survivors + " results");
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> s = Files.list(killed)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json")).toList()) {
                assertEquals("ok", mapper.readTree(f.toFile()).path("status").asText(), "complete file " + f);
            }
        }

        SuiteRunTest.Outcome resumed = SuiteRunTest.cli("run", suite.toString(), "--out", killed.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("result exists, skipped"), resumed.err());
        SuiteRunTest.Outcome uninterrupted = SuiteRunTest.cli("run", suite.toString(), "--out", clean.toString());
        assertEquals(0, uninterrupted.status(), uninterrupted.err());

        List<String> differences = ResultComparison.differences(new ResultStore(killed), new ResultStore(clean));
        assertEquals(List.of(), differences);
        assertEquals(4, new ResultStore(killed).readAll().size());
        try (Stream<Path> s = Files.list(killed)) {
            assertTrue(s.noneMatch(x -> x.toString().endsWith(".tmp")), "no temporary file left" + File.separator);
        }
    }
}
