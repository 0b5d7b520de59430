package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.credence.experiments.run.SuiteRunTest.MAPPER;
import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results count only for the configuration and data they were made from, and a folder has one suite and one writer. */
class ResultFolderTest {
    @TempDir
    Path dir;

    static final String MAP = "{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 3, \"batch_size\": 32}}";
    static final String MAP_WIDER = "{\"method\": \"map\", \"params\": {\"hidden\": [9], \"epochs\": 3, \"batch_size\": 32}}";
    static final String OTHER = "{\"name\": \"other\", \"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 2, \"batch_size\": 32}}";

    Path suite(String name, String... methods) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [100, 100], \"noise\": 0.2}}],"
                + "\"methods\": [" + String.join(", ", methods) + "]}");
    }

    static RunResult result(Path out, String id) {
        return RunResult.read(out.resolve(id + ".json"));
    }

    @Test
    void anEditedMethodIsRedoneAndOnlyItsRunsAreRedone() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", suite("s", MAP, OTHER).toString(), "--out", out.toString()).status());
        RunResult.Timings otherTimings = result(out, "moons__other__seed0").timings();
        String before = result(out, "moons__map__seed0").fingerprint();

        SuiteRunTest.Outcome o = cli("run", suite("s", MAP_WIDER, OTHER).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("2 stale results (configuration or data changed since they were made) will be redone"), o.err());
        assertTrue(o.err().contains("other × moons × seed 0: result exists, skipped"), o.err());
        assertNotEquals(before, result(out, "moons__map__seed0").fingerprint());
        assertEquals("[9]", result(out, "moons__map__seed0").config().method().params().path("hidden").toString());
        assertEquals(otherTimings, result(out, "moons__other__seed0").timings(), "unedited run untouched");
    }

    @Test
    void keptStaleResultsAreListedAndNeverAveraged() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", suite("s", MAP).toString(), "--out", out.toString()).status());
        SuiteRunTest.Outcome o = cli("run", suite("s", MAP_WIDER).toString(), "--out", out.toString(), "--keep-stale");
        assertEquals(0, o.status(), o.err());
        assertFalse(o.out().contains("| moons | map |"), "no row averages a stale result: " + o.out());
        assertTrue(o.out().contains("Stale results (configuration or data changed since they were made; kept, not averaged): "
                + "moons__map__seed0, moons__map__seed1"), o.out());
        SuiteRunTest.Outcome report = cli("report", out.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(2, report.status(), report.err());
        assertTrue(report.err().contains("all 2 results are stale"), report.err());
    }

    @Test
    void aReplacedCsvMakesItsResultsStale() throws IOException {
        Path csv = dir.resolve("d.csv");
        String a = TwoClassCsv.text(80);
        Files.writeString(csv, a);
        Path s = Files.writeString(dir.resolve("c.json"), "{\"name\": \"c\", \"seeds\": [0], \"datasets\": [{\"name\": \"d\", \"source\": \"csv:"
                + csv + "\"}], \"methods\": [" + MAP + "]}");
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", s.toString(), "--out", out.toString()).status());
        String digest = result(out, "d__map__seed0").config().dataset().contentSha256().source();
        assertEquals(64, digest.length());
        Files.writeString(csv, TwoClassCsv.edited(a));
        SuiteRunTest.Outcome o = cli("run", s.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("1 stale result"), o.err());
        assertNotEquals(digest, result(out, "d__map__seed0").config().dataset().contentSha256().source());
    }

    @Test
    void aFolderOfAnotherSuiteIsRefusedBeforeTraining() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", suite("first", MAP).toString(), "--out", out.toString()).status());
        SuiteRunTest.Outcome o = cli("run", suite("second", MAP).toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("holds the results of suite 'first', not 'second'"), o.err());
        assertFalse(o.err().contains("training"), o.err());
    }

    @Test
    void aResultOfAnotherSuiteIsAnErrorForReportUnlessMerged() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, cli("run", suite("s", MAP).toString(), "--out", out.toString()).status());
        ObjectNode alien = (ObjectNode) MAPPER.readTree(out.resolve("moons__map__seed0.json").toFile());
        alien.put("suite", "alien");
        alien.put("run_id", "moons__alien__seed0");
        Files.writeString(out.resolve("moons__alien__seed0.json"), MAPPER.writeValueAsString(alien));
        SuiteRunTest.Outcome o = cli("report", out.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("holds results of another suite than 's': moons__alien__seed0.json (suite 'alien')"), o.err());
        SuiteRunTest.Outcome run = cli("run", suite("s", MAP).toString(), "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("holds results of another suite (moons__alien__seed0.json)"), run.err());
    }

    @Test
    void aSummaryTheHarnessDidNotWriteIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path mine = Files.writeString(out.resolve("summary.md"), "my own summary");
        Path tmp = Files.writeString(out.resolve("notes.json.tmp"), "draft");
        SuiteRunTest.Outcome o = cli("run", suite("s", MAP).toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("summary.md: was not written by Credence"), o.err());
        assertEquals("my own summary", Files.readString(mine));
        assertEquals("draft", Files.readString(tmp));
        Files.delete(mine);
        SuiteRunTest.Outcome again = cli("run", suite("s", MAP).toString(), "--out", out.toString());
        assertEquals(2, again.status(), again.err());
        assertTrue(again.err().contains("holds files Credence did not write (notes.json.tmp)"), again.err());
        assertEquals(java.util.List.of("notes.json.tmp"), names(out), "nothing written, not even a lock file");
    }

    @Test
    void aSecondWriterIsRefusedWithTheHolderNamed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (FolderLock held = FolderLock.acquire(out, false, new PrintStream(OutputStream.nullOutputStream()))) {
            SuiteRunTest.Outcome o = cli("run", suite("s", MAP).toString(), "--out", out.toString());
            assertEquals(2, o.status(), o.err());
            assertTrue(o.err().contains("another run is writing to this folder (pid " + ProcessHandle.current().pid()), o.err());
        }
        assertEquals(0, cli("run", suite("s", MAP).toString(), "--out", out.toString()).status());
    }

    static java.util.List<String> names(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
