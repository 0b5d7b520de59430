package dev.credence.experiments.cluster;

import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sbatch scripts: what each line says, what is refused, and the harness's own file told from a user's. */
class SlurmJobTest {
    @TempDir
    Path dir;

    private static SlurmJob job(int shards, String partition, String time, Integer cpus, String mem) {
        return new SlurmJob("quick", Path.of("/opt/credence/bin/credence"), Path.of("/home/u/quick.json"), Path.of("/shared/results/quick"),
                Path.of("/home/u"), Path.of("/shared/results/quick/.credence-slurm"), shards, partition, time, cpus, mem);
    }

    @Test
    void theArrayHasOneTaskPerShardNumberedLikeTheShards() {
        String s = job(4, "cpu", "2:00:00", 2, "8G").arrayScript();
        assertTrue(s.startsWith("#!/bin/bash\n#SBATCH --array=0-3\n#SBATCH --job-name=credence-quick\n"), s);
        for (String line : new String[] {"#SBATCH --partition=cpu", "#SBATCH --time=2:00:00", "#SBATCH --cpus-per-task=2",
                "#SBATCH --mem=8G", "#SBATCH --chdir=/home/u", "#SBATCH --output=/shared/results/quick/.credence-slurm/array-%A_%a.out",
                "export CREDENCE_JAVA_OPTS=\"-Xmx6963m ${CREDENCE_JAVA_OPTS:-}\"",
                "exec /opt/credence/bin/credence run /home/u/quick.json --shard \"$SLURM_ARRAY_TASK_ID/4\" --out /shared/results/quick --progress=lines"}) {
            assertTrue(s.contains("\n" + line + "\n"), line + " in\n" + s);
        }
        String bare = job(1, null, null, null, null).arrayScript();
        assertFalse(bare.contains("--partition") || bare.contains("--time") || bare.contains("--mem") || bare.contains("CREDENCE_JAVA_OPTS"), bare);
        assertTrue(bare.contains("#SBATCH --array=0-0\n"), bare);
    }

    @Test
    void theReportRunsOnTheResults() {
        String s = job(4, null, "30", null, "4000").reportScript();
        assertTrue(s.contains("\n#SBATCH --output=/shared/results/quick/.credence-slurm/report-%j.out\n"), s);
        assertTrue(s.contains("\nexport CREDENCE_JAVA_OPTS=\"-Xmx3400m ${CREDENCE_JAVA_OPTS:-}\"\n"), s);
        assertTrue(s.endsWith("\nexec /opt/credence/bin/credence report /shared/results/quick\n"), s);
        assertFalse(s.contains("--array"), s);
    }

    @Test
    void valuesSbatchWouldRefuseOrAShellWouldSplitAreRefused() {
        for (Runnable bad : new Runnable[] {
                () -> job(0, null, null, null, null),
                () -> job(2, "cpu gpu", null, null, null),
                () -> job(2, null, "2h", null, null),
                () -> job(2, null, null, 0, null),
                () -> job(2, null, null, null, "8GB"),
                () -> job(2, null, null, null, "10M"),
                () -> new SlurmJob("q", Path.of("/a b/credence"), Path.of("/q.json"), Path.of("/r"), Path.of("/"), Path.of("/r/l"), 2,
                        null, null, null, null),
                () -> new SlurmJob("q", Path.of("bin/credence"), Path.of("/q.json"), Path.of("/r"), Path.of("/"), Path.of("/r/l"), 2,
                        null, null, null, null)}) {
            CredenceInputException e = assertThrows(CredenceInputException.class, bad::run);
            assertTrue(e.getMessage().startsWith("slurm: "), e.getMessage());
        }
        for (String time : new String[] {"90", "90:00", "1:30:00", "2-0", "2-12:00", "2-12:00:00", "UNLIMITED"}) {
            assertTrue(job(1, null, time, null, null).arrayScript().contains("--time=" + time + "\n"), time);
        }
    }

    @Test
    void aScriptIsRewrittenOnlyWhileItIsTheHarnesssOwnUnedited() throws Exception {
        Path f = dir.resolve("array.sbatch");
        ScriptFile.write(f, "#!/bin/bash\necho one\n");
        assertTrue(ScriptFile.isOurs(f));
        assertTrue(Files.readString(f).startsWith("#!/bin/bash\necho one\n" + ScriptFile.TAG), Files.readString(f));
        ScriptFile.write(f, "#!/bin/bash\necho two\n");
        assertTrue(Files.readString(f).startsWith("#!/bin/bash\necho two\n"));
        Files.writeString(f, Files.readString(f).replace("two", "three"));
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> ScriptFile.write(f, "#!/bin/bash\necho four\n"));
        assertEquals(f + ": was not written by Credence, or was edited since; it is left alone: move it away (or submit it yourself with sbatch)",
                e.getMessage());
        assertTrue(Files.readString(f).contains("echo three"), "the edited script is left as it was");
        Path users = Files.writeString(dir.resolve("report.sbatch"), "#!/bin/bash\n# mine\n");
        assertThrows(CredenceInputException.class, () -> ScriptFile.write(users, "x\n"));
        assertEquals("#!/bin/bash\n# mine\n", Files.readString(users));
    }

    @Test
    void theJobIdIsReadFromSbatchsParsableAnswer() {
        assertEquals("4242", Sbatch.jobId("4242\n"));
        assertEquals("17", Sbatch.jobId("17;cluster-a"));
        assertThrows(CredenceInputException.class, () -> Sbatch.jobId("Submitted batch job 17"));
    }
}
