package dev.credence.experiments.cli;

import dev.credence.experiments.cluster.ScriptFile;
import dev.credence.experiments.results.SuiteManifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code slurm} without {@code --submit}: the scripts in the results folder, which stays one the harness may write. */
class SlurmCommandTest {
    @TempDir
    Path dir;
    private String home;

    @BeforeEach
    void launcher() throws IOException {
        home = System.getProperty("credence.home");
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Files.writeString(bin.resolve("credence"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("credence"), PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("credence.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        if (home == null) {
            System.clearProperty("credence.home");
        } else {
            System.setProperty("credence.home", home);
        }
    }

    private Path suite() throws IOException {
        return Files.writeString(dir.resolve("sl.json"), "{\"name\": \"sl\", \"seeds\": [0, 1, 2], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}],"
                + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 3}},"
                + "{\"name\": \"ts\", \"method\": \"temperature-scaling\", \"base\": \"map\"}]}");
    }

    @Test
    void writesTheArrayAndReportScriptsAndTheManifest() throws IOException {
        Path out = dir.resolve("out");
        String[] s = MainTest.run(0, "slurm", suite().toString(), "--out", out.toString(), "--shards", "3", "--report",
                "--time", "10", "--mem", "2G");
        Path array = out.toAbsolutePath().resolve(".credence-slurm/array.sbatch");
        assertEquals(array + "\n", s[0]);
        assertTrue(s[1].contains("suite sl, 6 runs in 3 groups that share fits, as an array of 3 tasks (expected cost 33%, 33%, 33%)"), s[1]);
        assertTrue(s[1].contains("submit with: sbatch " + array + "; then: sbatch --dependency=afterok:<its job id> "), s[1]);
        String script = Files.readString(array);
        assertTrue(script.contains("\nexec " + dir.resolve("home/bin/credence") + " run " + dir.resolve("sl.json").toAbsolutePath()
                + " --shard \"$SLURM_ARRAY_TASK_ID/3\" --out " + out.toAbsolutePath() + " --progress=lines\n"), script);
        assertTrue(ScriptFile.isOurs(out.resolve(".credence-slurm/report.sbatch")));
        assertEquals(6, SuiteManifest.read(out).orElseThrow().runs().size(), "status works before any task starts");
        assertTrue(MainTest.run(0, "status", out.toString())[0].endsWith("| **all** |  | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n"));
        Files.writeString(out.resolve(".credence-slurm/array-7_0.out"), "a Slurm log\n");
        String[] again = MainTest.run(0, "slurm", suite().toString(), "--out", out.toString(), "--shards", "2");
        assertTrue(Files.readString(array).contains("#SBATCH --array=0-1\n"), "its own script is rewritten: " + again[1]);
        String[] run = MainTest.run(0, "run", suite().toString(), "--out", out.toString(), "--shard", "0/2", "--quiet");
        assertTrue(run[1].startsWith("results: "), "a shard runs in the folder with the scripts and logs: " + run[1]);
    }

    @Test
    void moreShardsThanGroupsOfRunsOrBadOptionsAreOneLineErrors() throws IOException {
        String err = MainTest.run(2, "slurm", suite().toString(), "--out", dir.resolve("out").toString(), "--shards", "4")[1];
        assertEquals("error: slurm: --shards 4: suite sl has 3 groups of runs that must run together (a base and the rows built on it,"
                + " per dataset and seed); give at most 3\n", err);
        assertTrue(MainTest.run(2, "slurm", suite().toString(), "--cpus-per-task", "0")[1].startsWith("error: slurm: --cpus-per-task '0'"));
        assertTrue(MainTest.run(2, "slurm", suite().toString(), "--out", dir.resolve("o2").toString(), "--time", "1h")[1]
                .startsWith("error: slurm: --time '1h': expected"));
        assertTrue(Files.notExists(dir.resolve("o2")), "nothing written for a bad option");
    }
}
