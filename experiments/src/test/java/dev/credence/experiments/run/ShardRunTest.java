package dev.credence.experiments.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --shard i/n}: the shards of a suite, one after the other or at once in one folder, make the unsharded run. */
class ShardRunTest {
    @TempDir
    Path dir;

    private static long trained(String log) {
        return log.lines().filter(l -> l.contains(": training…")).count();
    }

    @Test
    void threeShardsOneAfterTheOtherEqualTheUnshardedRun() throws Exception {
        Path suite = Files.writeString(dir.resolve("sh.json"), ShardsTest.suite());
        Path whole = dir.resolve("whole");
        Path sharded = dir.resolve("sharded");
        SuiteRunTest.Outcome w = cli("run", suite.toString(), "--out", whole.toString());
        assertEquals(0, w.status(), w.err());
        long epochs = 0;
        long trained = 0;
        for (int i = 0; i < 3; i++) {
            SuiteRunTest.Outcome s = cli("run", suite.toString(), "--out", sharded.toString(), "--shard", i + "/3");
            assertEquals(0, s.status(), s.err());
            assertTrue(s.err().contains("16 runs, shard " + i + "/3: "), s.err());
            trained += trained(s.err());
            epochs += s.err().lines().filter(l -> l.contains(": epoch ")).count();
            if (i < 2) {
                assertTrue(s.out().contains("runs not done yet: other shards' or other writers'"), s.out());
            }
        }
        assertEquals(16, trained, "each run trained by exactly one shard");
        assertEquals(w.err().lines().filter(l -> l.contains(": epoch ")).count(), epochs,
                "as many epochs trained as unsharded: no base fitted twice");
        SuiteRunTest.Outcome c = cli("compare", whole.toString(), sharded.toString());
        assertEquals(0, c.status(), c.out() + c.err());
        assertTrue(c.out().contains("identical: 16 runs"), c.out());
        SuiteRunTest.Outcome again = cli("run", suite.toString(), "--out", sharded.toString(), "--shard", "1/3");
        assertEquals(0, again.status(), again.err());
        assertEquals(0, trained(again.err()), "a shard run again finds its runs done: " + again.err());
        assertFalse(again.out().contains("not done yet"), "and the summary is complete: " + again.out());
    }

    @Test
    void twoShardsAtOnceInOneFolderEqualTheUnshardedRun() throws Exception {
        Path suite = Files.writeString(dir.resolve("sh.json"), ShardsTest.suite());
        Path out = dir.resolve("out");
        Process a = ConcurrentRunTest.start(dir.resolve("a.log"), "run", suite.toString(), "--out", out.toString(), "--shard", "0/2");
        Process b = ConcurrentRunTest.start(dir.resolve("b.log"), "run", suite.toString(), "--out", out.toString(), "--shard", "1/2");
        assertTrue(a.waitFor(180, TimeUnit.SECONDS) && b.waitFor(180, TimeUnit.SECONDS));
        String logA = Files.readString(dir.resolve("a.log"));
        String logB = Files.readString(dir.resolve("b.log"));
        assertEquals(0, a.exitValue(), logA);
        assertEquals(0, b.exitValue(), logB);
        assertEquals(16, trained(logA) + trained(logB), logA + "\n" + logB);
        Path whole = dir.resolve("whole");
        SuiteRunTest.Outcome w = cli("run", suite.toString(), "--out", whole.toString(), "--progress=none");
        assertEquals(0, w.status(), w.err());
        SuiteRunTest.Outcome c = cli("compare", whole.toString(), out.toString());
        assertEquals(0, c.status(), c.out() + c.err());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".credence-claim")), "every claim released");
        }
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| large | ens | 2 |"));
    }
}
