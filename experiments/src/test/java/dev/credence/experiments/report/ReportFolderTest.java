package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The report folder is replaced whole, repairs interrupted swaps, and never touches files it did not write. */
class ReportFolderTest {
    @TempDir
    Path dir;

    /** Commits a report of the given (path, text) pairs into {@code out}. */
    private static void report(Path out, String... pathsAndTexts) {
        try (ReportFolder f = ReportFolder.open(out, ReportFolder.Disk.REAL)) {
            for (int i = 0; i < pathsAndTexts.length; i += 2) {
                f.write(pathsAndTexts[i], pathsAndTexts[i + 1]);
            }
            f.commit();
        }
    }

    /** @return the names in {@code folder}, sorted */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewBuildReplacesTheWholeFolder() throws IOException {
        Path out = dir.resolve("out");
        report(out, "REPORT.md", "one", "figures/a.png", "a", "figures/b.png", "b");
        report(out, "REPORT.md", "two", "figures/a.png", "a2");
        assertEquals(List.of(".credence-report.json", "REPORT.md", "figures/a.png"),
                List.copyOf(CompleteReport.files(out).keySet()));
        assertEquals("{\n  \"format\": \"credence-report/1\",\n  \"files\": [\n    \"REPORT.md\",\n"
                + "    \"figures/a.png\"\n  ]\n}\n", Files.readString(out.resolve(ReportManifest.FILE)));
        assertEquals(List.of("out"), names(dir), "no build or old folder left beside it");
    }

    @Test
    void foreignFilesAreRefusedAndLeftUntouched() throws IOException {
        Path results = FixtureRuns.copy(dir.resolve("results"), "moons-rho3__map");
        Path out = dir.resolve("mine");
        Files.createDirectories(out.resolve("figures"));
        Files.createDirectories(out.resolve("tables"));
        Files.writeString(out.resolve("REPORT.md"), "my notes");
        Files.write(out.resolve("figures/photo.png"), new byte[] {1, 2, 3});
        Files.writeString(out.resolve("tables/data.csv"), "a,b\n");
        Files.writeString(out.resolve("todo.txt"), "x");
        Map<String, byte[]> before = CompleteReport.files(out);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(new String[] {"report", results.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("error: " + out + ": holds files no report wrote (REPORT.md, figures/, tables/ and 1 more);"
                + " choose another --out or remove them\n", err.toString(StandardCharsets.UTF_8));
        CompleteReport.assertSame(before, CompleteReport.files(out));
        assertEquals(List.of("mine", "results"), names(dir));

        // a report of ours with one file added by someone else
        Path ours = dir.resolve("ours");
        report(ours, "REPORT.md", "r", "figures/a.png", "a");
        Files.writeString(ours.resolve("figures/photo.png"), "mine");
        Map<String, byte[]> withPhoto = CompleteReport.files(ours);
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> report(ours, "REPORT.md", "s"));
        assertTrue(e.getMessage().endsWith("(figures/photo.png); choose another --out or remove them"), e.getMessage());
        CompleteReport.assertSame(withPhoto, CompleteReport.files(ours));

        // a manifest that is not ours accounts for nothing, not even itself
        Files.delete(ours.resolve("figures/photo.png"));
        Files.writeString(ours.resolve(ReportManifest.FILE), "{\"format\": \"something-else\", \"files\": [\"REPORT.md\"]}");
        e = assertThrows(CredenceInputException.class, () -> report(ours, "REPORT.md", "s"));
        assertTrue(e.getMessage().contains("(.credence-report.json, REPORT.md, figures/)"), e.getMessage());
    }

    @Test
    void anEmptyFolderIsUsedAndAFileOrLinkIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        report(empty, "REPORT.md", "r");
        CompleteReport.assertComplete(empty);
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(assertThrows(CredenceInputException.class, () -> report(file, "REPORT.md", "r"))
                .getMessage().endsWith("file: is a file, not a folder; choose another --out"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), empty);
        assertTrue(assertThrows(CredenceInputException.class, () -> report(link, "REPORT.md", "r"))
                .getMessage().endsWith("link: is a symbolic link; give the folder it points to as --out"));
        assertEquals("x", Files.readString(file));
        assertEquals(List.of("empty", "file", "link"), names(dir));
    }

    @Test
    void aKillBetweenTheTwoRenamesIsRepairedOnTheNextStart() throws IOException {
        Path out = dir.resolve("out");
        report(out, "REPORT.md", "previous", "figures/a.png", "a");
        Map<String, byte[]> previous = CompleteReport.files(out);
        // the state a build killed after "target -> old" and before "build -> target" leaves
        Files.move(out, dir.resolve(".out.credence-old-4242-0000beef"));
        Files.createDirectories(dir.resolve(".out.credence-build-4242-0000cafe/figures"));
        Files.writeString(dir.resolve(".out.credence-build-4242-0000cafe/REPORT.md"), "new");

        try (ReportFolder f = ReportFolder.open(out, ReportFolder.Disk.REAL)) {
            CompleteReport.assertSame(previous, CompleteReport.files(out));
            f.write("REPORT.md", "failed build");
        } // closed without a commit, as a failed build
        CompleteReport.assertSame(previous, CompleteReport.files(out));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void aKillAfterTheSwapLeavesOnlyTheOldFolderToRemove() throws IOException {
        Path out = dir.resolve("out");
        report(out, "REPORT.md", "new");
        Files.createDirectories(dir.resolve(".out.credence-old-4242-0000beef/figures"));
        Files.writeString(dir.resolve(".out.credence-old-4242-0000beef/figures/a.png"), "half deleted");
        report(out, "REPORT.md", "newer");
        assertEquals("newer", Files.readString(out.resolve("REPORT.md")));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void onlyNamesOfTheExactPatternAreRestoredOrRemoved() throws IOException {
        List<String> others = List.of(".out.credence-build-x", ".out.credence-old-1-ABCDEF12",
                ".out.credence-old-1-0000abcd-copy", "out.credence-old-1-0000abcd", ".other.credence-build-1-0000abcd",
                ".out.credence-tmp-1-0000abcd");
        for (String o : others) {
            Files.writeString(Files.createDirectories(dir.resolve(o)).resolve("REPORT.md"), o);
        }
        Path out = dir.resolve("out");
        report(out, "REPORT.md", "r");
        assertEquals("r", Files.readString(out.resolve("REPORT.md")), "no foreign folder was taken for an old report");
        for (String o : others) {
            assertEquals(o, Files.readString(dir.resolve(o).resolve("REPORT.md")));
        }
    }

    @Test
    void aWriteFailureNamesTheFileAndItsCauseAndKeepsThePreviousReport() throws IOException {
        Path a = FixtureRuns.copy(dir.resolve("a"), "moons-rho3__map", "moons-rho3__pruned-bbb");
        Path b = FixtureRuns.copy(dir.resolve("b"), "moons-rho3__map", "moons-rho3__bbb");
        Path out = dir.resolve("reports/out");
        ReportBuilder.build(a, "a", out, null);
        Map<String, byte[]> previous = CompleteReport.files(out);

        List<Predicate<Path>> failures = List.of(afterFiles(0), afterFiles(7),
                file -> file.getFileName().toString().equals(ReportManifest.FILE));
        for (Predicate<Path> failsAt : failures) {
            AtomicReference<Path> failed = new AtomicReference<>();
            CredenceInputException e = assertThrows(CredenceInputException.class,
                    () -> ReportBuilder.build(b, "b", out, null, diskFullAt(failsAt, failed)));
            Path inBuild = out.getParent().relativize(failed.get());
            Path named = out.resolve(inBuild.subpath(1, inBuild.getNameCount()));
            assertEquals(named + ": cannot write: No space left on device", e.getMessage());
            CompleteReport.assertSame(previous, CompleteReport.files(out));
            assertEquals(List.of("out"), names(out.getParent()), "the build folder is removed");
        }
        CompleteReport.assertComplete(out);
    }

    /** @return true from the ({@code n}+1)-th file on */
    private static Predicate<Path> afterFiles(int n) {
        AtomicInteger count = new AtomicInteger();
        return file -> count.getAndIncrement() >= n;
    }

    /** A disk that is full at the first file {@code failsAt} accepts: that file gets half its bytes, then the error. */
    private static ReportFolder.Disk diskFullAt(Predicate<Path> failsAt, AtomicReference<Path> failed) {
        return (file, bytes) -> {
            if (!failsAt.test(file)) {
                ReportFolder.Disk.REAL.write(file, bytes);
                return;
            }
            failed.set(file);
            ReportFolder.Disk.REAL.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            throw new IOException("No space left on device");
        };
    }

    @Test
    void buildingIntoAFolderThatHasNoParentYetCreatesIt() throws IOException {
        Path out = dir.resolve("a/b/out");
        report(out, "REPORT.md", "r");
        CompleteReport.assertComplete(out);
        assertEquals(List.of("out"), names(dir.resolve("a/b")));
    }
}
