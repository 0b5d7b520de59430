package dev.credence.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test checks on a report folder as a whole. */
final class CompleteReport {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#][^)]*)\\)");

    private CompleteReport() {
    }

    /** @return every regular file under {@code dir} by {@code /}-separated relative path, with its bytes */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** @return whether two {@link #files} snapshots hold the same files with the same bytes */
    static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    /** Asserts two {@link #files} snapshots are byte-identical, naming the first file that differs. */
    static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "same files");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey() + " differs");
        }
    }

    /**
     * Asserts {@code folder} is a whole report: REPORT.md exists, every file it links exists, and the manifest
     * lists exactly the other files present.
     */
    static void assertComplete(Path folder) throws IOException {
        Map<String, byte[]> files = files(folder);
        assertTrue(files.containsKey("REPORT.md"), folder + " has no REPORT.md: " + files.keySet());
        Matcher m = LINK.matcher(new String(files.get("REPORT.md"), StandardCharsets.UTF_8));
        while (m.find()) {
            assertTrue(files.containsKey(m.group(1)), "REPORT.md links the missing " + m.group(1));
        }
        Set<String> listed = ReportManifest.read(folder).orElseThrow(() -> new AssertionError(folder + ": no manifest"));
        Set<String> present = new TreeSet<>(files.keySet());
        present.remove(ReportManifest.FILE);
        assertEquals(present, new TreeSet<>(listed), "the manifest lists exactly the files present");
    }
}
