package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The report command as a user runs it, in a JVM of its own: killed with SIGKILL, or fed hostile result files. */
class ReportProcessTest {
    private static final int TRIALS = 8;

    @TempDir
    Path dir;
    @TempDir
    Path logs;

    /** Starts {@code report ARGS} in a new JVM with working folder {@code cwd}, output to {@code log}. */
    private static Process report(Path cwd, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.credence.experiments.cli.Main", "report"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** @return the report of {@code results} as a forked {@code report results --out out} writes it, built here */
    private Map<String, byte[]> reference(Path results, Path out) throws IOException {
        Path folder = dir.resolve("reference-" + results.getFileName());
        ReportBuilder.build(results, results.toString(), folder, out.toString());
        return CompleteReport.files(folder);
    }

    private static List<Path> siblings(Path out) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out.getParent())) {
            ds.forEach(p -> {
                if (!p.equals(out)) {
                    found.add(p);
                }
            });
        }
        return found;
    }

    @Test
    void aReportKilledAtAnyMomentLeavesThePreviousOrTheNewReportWhole() throws Exception {
        Path small = FixtureRuns.copy(dir.resolve("small"), "moons-rho3__map");
        Path large = FixtureRuns.copy(dir.resolve("large"), "moons-rho3__map", "moons-rho3__pruned-bbb");
        Path out = dir.resolve("reports/out");
        Map<Path, Map<String, byte[]>> expected = Map.of(small, reference(small, out), large, reference(large, out));
        assertFalse(expected.get(small).keySet().containsAll(expected.get(large).keySet()), "the two reports differ in files");

        Path log = logs.resolve("first.log");
        long start = System.nanoTime();
        Process first = report(dir, log, small.toString(), "--out", out.toString());
        assertEquals(0, first.waitFor(), Files.readString(log));
        long full = System.nanoTime() - start;
        CompleteReport.assertSame(expected.get(small), CompleteReport.files(out));

        Map<String, byte[]> previous = expected.get(small);
        int midBuild = 0;
        for (int k = 0; k < TRIALS; k++) {
            Path results = k % 2 == 0 ? large : small;
            Map<String, byte[]> next = expected.get(results);
            log = logs.resolve("trial" + k + ".log");
            Process p = report(dir, log, results.toString(), "--out", out.toString());
            boolean finished = p.waitFor(full * (2L * k + 1) / (2 * TRIALS), TimeUnit.NANOSECONDS);
            p.destroyForcibly().waitFor();
            if (finished) {
                assertEquals(0, p.exitValue(), Files.readString(log));
            }
            List<Path> left = siblings(out);
            midBuild += !finished && !left.isEmpty() ? 1 : 0;
            // killed between its two renames, the report folder is an old sibling until the next start renames it back
            String trial = "trial " + k + " (" + (finished ? "finished" : "killed") + "): ";
            Path whole = Files.exists(out) ? out
                    : left.stream().filter(s -> s.getFileName().toString().contains(".credence-old-")).findFirst()
                    .orElseThrow(() -> new AssertionError(trial + "no report and no old one: " + left));
            Map<String, byte[]> now = CompleteReport.files(whole);
            assertTrue(CompleteReport.same(now, previous) || CompleteReport.same(now, next),
                    trial + "neither the previous nor the new report: " + now.keySet());
            CompleteReport.assertComplete(whole);
            previous = now;
        }
        assertTrue(midBuild >= 2, "only " + midBuild + " of " + TRIALS + " kills hit a build in progress");

        ReportBuilder.build(large, large.toString(), out, out.toString());
        CompleteReport.assertSame(expected.get(large), CompleteReport.files(out));
        assertEquals(List.of(), siblings(out), "leftovers of the killed builds are removed");
        System.out.printf("report kill test: %d of %d kills mid-build; an uninterrupted forked report takes %.1f s%n",
                midBuild, TRIALS, full / 1e9);
    }

    @Test
    void aResultFileCannotSteerTheReportOutsideItsFolder() throws Exception {
        Path work = dir.resolve("work");
        Path results = FixtureRuns.copy(work.resolve("results/evil"), "moons-rho3__map");
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> s = Files.list(results)) {
            for (Path run : s.toList()) {
                ObjectNode json = (ObjectNode) mapper.readTree(run.toFile());
                Files.writeString(run, mapper.writeValueAsString(json.put("suite", "../../victim")));
            }
        }
        // where reports/<suite> pointed before: the user's own files
        Path victim = dir.resolve("victim");
        Files.createDirectories(victim.resolve("tables"));
        Files.createDirectories(victim.resolve("figures"));
        Files.writeString(victim.resolve("tables/data.csv"), "mine\n");
        Files.write(victim.resolve("figures/photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(victim.resolve("REPORT.md"), "my report\n");
        Map<String, byte[]> before = CompleteReport.files(dir);

        Path log = logs.resolve("victim.log");
        Process p = report(work, log, "results/evil");
        assertEquals(0, p.waitFor(), Files.readString(log));
        assertTrue(Files.readString(log).contains(" → " + Path.of("reports", "evil") + " ("), Files.readString(log));

        Map<String, byte[]> after = CompleteReport.files(dir);
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
        }
        for (String file : after.keySet()) {
            assertTrue(before.containsKey(file) || file.startsWith("work/reports/evil/"), "written outside: " + file);
        }
        CompleteReport.assertComplete(work.resolve("reports/evil"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("victim", "work"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }
}
