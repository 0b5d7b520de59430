package dev.credence.experiments.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built launcher, {@code bin/credence}, run as a process after {@code package}, as a user runs it: no Maven, standard
 * output exactly the command's output, its JVM flags extended by CREDENCE_JAVA_OPTS, the libraries' INFO logging kept
 * from stderr unless {@code --debug}, and {@code slurm --submit} calling sbatch (a stand-in on PATH that records its
 * arguments; the real Slurm runs in CI's {@code .ci/slurm-quick}).
 */
class LauncherIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path LAUNCHER = Path.of(System.getProperty("basedir", "."), "..", "bin", "credence").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the launcher finished");
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void scoreWritesExactlyOneJsonObjectOnStdout() throws Exception {
        Path csv = Files.writeString(dir.resolve("p.csv"), "label,p_0,p_1\n0,0.9,0.1\n1,0.2,0.8\n1,0.6,0.4\n");
        Result r = launch(Map.of(), "score", csv.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("\u001b"), "no escape sequence on stdout");
        JsonNode json = MAPPER.readTree(r.out());
        assertEquals(2.0 / 3, json.path("accuracy").asDouble(), 1e-12);
        assertEquals(r.out().strip(), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json).strip()
                .replace("\r\n", "\n"), "the whole of stdout is the object");
        Result bad = launch(Map.of(), "score", dir.resolve("missing.csv").toString());
        assertEquals(2, bad.status());
        assertEquals("", bad.out());
        assertTrue(bad.err().lines().anyMatch(l -> l.startsWith("error: ")), bad.err());
    }

    @Test
    void benchWritesJsonLines() throws Exception {
        Result r = launch(Map.of(), "bench", "--method", "map", "--hidden", "8", "--examples", "256", "--batch", "32",
                "--repeats", "1", "--warmup", "0");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode line = MAPPER.readTree(lines.get(0));
        assertEquals("map", line.path("method").asText());
        assertTrue(line.path("engine").path("vector_api").asBoolean(), "the launcher adds the Vector API module: " + line);
    }

    /**
     * A large CSV through the launcher leaves no library INFO line on stderr. (The harness reads CSVs with its own
     * one-pass reader now, so Tribuo's loader and its "Read 50000 records" line, which showed the --debug half end to
     * end, are no longer on this path; that --debug lets the libraries' INFO through is OutputOptionsTest's.)
     */
    @Test
    void noLibraryInfoLinesWithoutDebug() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 50_001; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
        }
        Files.writeString(dir.resolve("big.csv"), csv);
        Path suite = Files.writeString(dir.resolve("big.json"), "{\"name\": \"big\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"big\", \"source\": \"csv:" + dir.resolve("big.csv") + "\", \"test_fraction\": 0.25}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 1}}]}");
        Path results = Files.createDirectories(dir.resolve("results"));
        Result quiet = launch(Map.of(), "status", results.toString(), "--suite", suite.toString());
        assertEquals(0, quiet.status(), quiet.err());
        assertTrue(quiet.out().endsWith("| **all** |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"), quiet.out());
        assertFalse(quiet.err().contains("INFO"), quiet.err());
        Result debug = launch(Map.of(), "status", results.toString(), "--suite", suite.toString(), "--debug");
        assertEquals(0, debug.status(), debug.err());
    }

    @Test
    void credenceJavaOptsComeAfterTheLaunchersFlags() throws Exception {
        Path suite = Files.writeString(dir.resolve("s.json"), "{\"name\": \"s\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [40, 40]}}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 1}}]}");
        Result r = launch(Map.of("CREDENCE_JAVA_OPTS", "-Dcredence.home=/nonexistent"), "slurm", suite.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("error: slurm: /nonexistent/bin/credence not found"), "the later -D wins: " + r.err());
    }

    @Test
    void slurmSubmitsTheArrayAndTheReportAfterIt() throws Exception {
        Path fake = Files.createDirectories(dir.resolve("fake-slurm"));
        Path sbatch = fake.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/sh\necho \"$*\" >> " + dir.resolve("sbatch.log") + "\n"
                + "n=$(wc -l < " + dir.resolve("sbatch.log") + ")\necho $((4241 + n))\n");
        Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path suite = Files.writeString(dir.resolve("s.json"), "{\"name\": \"s\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [40, 40]}}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 1}}]}");
        Path out = dir.resolve("out");
        Result r = launch(Map.of("PATH", fake + ":" + System.getenv("PATH")), "slurm", suite.toString(), "--out", out.toString(),
                "--shards", "2", "--submit", "--report", "--partition", "debug");
        assertEquals(0, r.status(), r.err());
        assertEquals("4242\n4243\n", r.out(), "the array's job id, then the report's");
        Path logs = out.resolve(".credence-slurm");
        assertEquals(List.of("--parsable " + logs.resolve("array.sbatch"),
                "--parsable --dependency=afterok:4242 " + logs.resolve("report.sbatch")),
                Files.readAllLines(dir.resolve("sbatch.log"), StandardCharsets.UTF_8));
        String script = Files.readString(logs.resolve("array.sbatch"));
        assertTrue(script.contains("\nexec " + LAUNCHER + " run " + suite + " --shard \"$SLURM_ARRAY_TASK_ID/2\""), script);
        assertTrue(script.contains("\n#SBATCH --partition=debug\n#SBATCH --chdir=" + dir + "\n"), script);
    }
}
