package dev.credence.experiments.run;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code run} processes on one folder: the second is refused with the holder named, or with {@code --wait}
 * waits and then finds every run done, so no run is ever trained twice. A full disk is a one-line error naming the
 * file and the cause.
 */
class ConcurrentRunTest {
    @TempDir
    Path dir;

    static final String SUITE = "{\"name\": \"two\", \"seeds\": [0, 1, 2], \"datasets\": ["
            + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [600, 600], \"noise\": 0.25}}],"
            + "\"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [32, 32], \"epochs\": 40, \"batch_size\": 16}}]}";

    static Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "dev.credence.experiments.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedOrWaitsAndTrainsNothingTwice() throws Exception {
        Path suite = Files.writeString(dir.resolve("two.json"), SUITE);
        Path out = dir.resolve("out");
        Process first = start(dir.resolve("first.log"), "run", suite.toString(), "--out", out.toString());
        Path lock = out.resolve(".credence-lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.size(lock) > 0) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Assumptions.assumeTrue(first.isAlive(), "the first run finished before the second could start");
        Process refused = start(dir.resolve("refused.log"), "run", suite.toString(), "--out", out.toString());
        Process waiting = start(dir.resolve("waiting.log"), "run", suite.toString(), "--out", out.toString(), "--wait");
        assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
        String refusedLog = Files.readString(dir.resolve("refused.log"));
        boolean firstStillRunning = first.isAlive();
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && waiting.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.log")));
        if (firstStillRunning) {
            assertEquals(2, refused.exitValue(), refusedLog);
            assertTrue(refusedLog.contains("another run is writing to this folder (pid " + first.pid() + " on "), refusedLog);
            assertFalse(refusedLog.contains("training"), refusedLog);
        }
        String waitingLog = Files.readString(dir.resolve("waiting.log"));
        assertEquals(0, waiting.exitValue(), waitingLog);
        assertFalse(waitingLog.contains("training"), "every run was done by the first process: " + waitingLog);
        assertEquals(3, waitingLog.lines().filter(l -> l.contains("result exists, skipped")).count(), waitingLog);
    }

    @Test
    void sharedWritersSplitTheRunsAndTrainEachOnce() throws Exception {
        Path suite = Files.writeString(dir.resolve("two.json"), SUITE.replace("\"seeds\": [0, 1, 2]", "\"seeds\": [0, 1, 2, 3, 4, 5]"));
        Path out = dir.resolve("out");
        Process a = start(dir.resolve("a.log"), "run", suite.toString(), "--out", out.toString(), "--shared");
        Process b = start(dir.resolve("b.log"), "run", suite.toString(), "--out", out.toString(), "--shared");
        assertTrue(a.waitFor(180, TimeUnit.SECONDS) && b.waitFor(180, TimeUnit.SECONDS));
        String logA = Files.readString(dir.resolve("a.log"));
        String logB = Files.readString(dir.resolve("b.log"));
        assertEquals(0, a.exitValue(), logA);
        assertEquals(0, b.exitValue(), logB);
        long trained = (logA + logB).lines().filter(l -> l.contains(": training…")).count();
        assertEquals(6, trained, "every run trained exactly once between the two writers:\n" + logA + "\n" + logB);
        assertEquals(6, SuiteRunTest.results(out).size());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".credence-claim")), "every claim released");
        }
        String last = Files.readString(out.resolve("summary.md"));
        assertTrue(last.contains("| moons | map | 6 |"), "the summary written last holds every run: " + last);
        SuiteRunTest.Outcome again = SuiteRunTest.cli("run", suite.toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertFalse(again.err().contains("training"), "a plain run afterwards finds everything done");
    }

    @Test
    void aPlainRunIsRefusedWhileSharedWritersHoldTheFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (var held = dev.credence.experiments.results.FolderLock.acquireShared(out, false,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            Path suite = Files.writeString(dir.resolve("two.json"), SUITE);
            SuiteRunTest.Outcome o = SuiteRunTest.cli("run", suite.toString(), "--out", out.toString());
            assertEquals(2, o.status(), o.err());
            assertTrue(o.err().contains("another run is writing to this folder"), o.err());
        }
    }

    @Test
    void aFullDiskIsOneLineNamingTheFileAndTheCause() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(m.waitFor(20, TimeUnit.SECONDS) && m.exitValue() == 0, "cannot mount a small tmpfs here");
        try {
            Path suite = Files.writeString(dir.resolve("two.json"), SUITE.replace("\"epochs\": 40", "\"epochs\": 2"));
            Path out = mount.resolve("out");
            SuiteRunTest.Outcome o = SuiteRunTest.cli("run", suite.toString(), "--out", out.toString());
            assertEquals(2, o.status(), o.err());
            String last = o.err().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("error: " + out), last);
            assertTrue(last.contains(": cannot write: No space left on device"), last);
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".credence-tmp")), "no temporary left");
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
