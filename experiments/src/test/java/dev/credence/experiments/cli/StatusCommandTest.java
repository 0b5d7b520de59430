package dev.credence.experiments.cli;

import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code status}: each run of the suite in one state, per dataset and method, against the manifest or the suite now. */
class StatusCommandTest {
    @TempDir
    Path dir;

    private static final String MAP = "{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 3}}";

    private Path suite(String map) throws IOException {
        return Files.writeString(dir.resolve("st.json"), "{\"name\": \"st\", \"seeds\": [0, 1, 2], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}],"
                + "\"methods\": [" + map + ", {\"method\": \"mc-dropout\", \"params\": {\"hidden\": [8], \"epochs\": 3}}]}");
    }

    /** Rewrites an ok result as one of the same run and configuration that ended with another status. */
    private static void setStatus(Path result, RunResult.Status status) {
        RunResult r = RunResult.read(result);
        boolean diverged = status == RunResult.Status.DIVERGED;
        boolean failed = status == RunResult.Status.FAILED;
        new RunResult(r.format(), r.suite(), r.runId(), r.seed(), r.fingerprint(), r.config(), r.dataset(), r.method(),
                r.provenance(), r.bins(), status, null,
                diverged ? new RunResult.Divergence(r.method().name(), 1, 3, 0.7, "loss became NaN") : null,
                failed ? new RunResult.Failure("forged failure", "input") : null, null).write(result);
    }

    @Test
    void everyRunIsDoneDivergedFailedClaimedStaleOrMissing() throws IOException {
        Path suite = suite(MAP);
        Path out = dir.resolve("out");
        MainTest.run(0, "run", suite.toString(), "--out", out.toString(), "--quiet");
        Files.delete(out.resolve("moons__map__seed1.json"));
        setStatus(out.resolve("moons__map__seed2.json"), RunResult.Status.FAILED);
        setStatus(out.resolve("moons__mc-dropout__seed0.json"), RunResult.Status.DIVERGED);
        Files.delete(out.resolve("moons__mc-dropout__seed1.json"));
        try (RunClaims.Claim held = new RunClaims(out).tryClaim("moons__mc-dropout__seed1")) {
            String[] s = MainTest.run(0, "status", out.toString());
            assertTrue(s[0].startsWith("| dataset | method | runs | done | diverged | failed | claimed | stale | missing |\n"), s[0]);
            assertTrue(s[0].contains("\n| moons | map | 3 | 1 | 0 | 1 | 0 | 0 | 1 |\n"), s[0]);
            assertTrue(s[0].contains("\n| moons | mc-dropout | 3 | 1 | 1 | 0 | 1 | 0 | 0 |\n"), s[0]);
            assertTrue(s[0].endsWith("| **all** |  | 6 | 2 | 1 | 1 | 1 | 0 | 1 |\n"), s[0]);
            assertTrue(s[1].contains("(suite st as its last run planned it): 2 of 6 runs done; 1 diverged, 1 failed, 1 claimed, 1 missing;"
                    + " running the suite again (or its shards) does the 2 failed, stale or missing"), s[1]);

            Path edited = suite(MAP.replace("\"epochs\": 3", "\"epochs\": 4"));
            String[] now = MainTest.run(0, "status", out.toString(), "--suite", edited.toString());
            assertTrue(now[0].contains("\n| moons | map | 3 | 0 | 0 | 0 | 0 | 2 | 1 |\n"), "made with 3 epochs, asked with 4: " + now[0]);
            assertTrue(now[0].contains("\n| moons | mc-dropout | 3 | 1 | 1 | 0 | 1 | 0 | 0 |\n"), now[0]);
        }
        String[] released = MainTest.run(0, "status", out.toString());
        assertTrue(released[0].contains("\n| moons | mc-dropout | 3 | 1 | 1 | 0 | 0 | 0 | 1 |\n"), released[0]);
    }

    @Test
    void aFolderWithoutManifestNeedsTheSuite() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String err = MainTest.run(2, "status", empty.toString())[1];
        assertEquals("error: status: " + empty + " has no .credence-suite manifest (no run has written to it); give --suite SUITE\n", err);
        String[] s = MainTest.run(0, "status", empty.toString(), "--suite", suite(MAP).toString());
        assertTrue(s[0].endsWith("| **all** |  | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n"), s[0]);
        assertEquals(2, MainTest.run(2, "status", dir.resolve("nowhere").toString()).length);
    }
}
