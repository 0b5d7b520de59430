package dev.credence.experiments.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every user mistake the reliability review found, as a table: the input (a suite, a data file or a folder), the
 * exit status and a fragment of the one-line message. None of them may start training, crash or hang.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static final String MOONS = "{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}}";
    static final String MAP = "{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 2}}";

    /** One row: a name, how to build the input in a fresh folder, the command, the status and the message fragment. */
    record Case(String name, Setup setup, int status, String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Setup {
        /** @return the command line, given a fresh folder holding the inputs */
        String[] args(Path folder) throws IOException;
    }

    static String suite(String name, String datasets, String methods, String extra) {
        return "{\"name\": " + name + ", \"seeds\": [0], \"datasets\": [" + datasets + "], \"methods\": [" + methods + "]" + extra + "}";
    }

    static Setup runSuite(String json) {
        return f -> new String[]{"run", Files.writeString(f.resolve("s.json"), json).toString(), "--out", f.resolve("out").toString()};
    }

    static Setup runBytes(byte[] bytes) {
        return f -> {
            Path s = f.resolve("s.json");
            Files.write(s, bytes);
            return new String[]{"run", s.toString(), "--out", f.resolve("out").toString()};
        };
    }

    static Setup csvDataset(String content) {
        return f -> {
            Path csv = Files.writeString(f.resolve("d.csv"), content);
            return runSuite(suite("\"t\"", "{\"name\": \"d\", \"source\": \"csv:" + csv + "\"}", MAP, "")).args(f);
        };
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("suite name escaping its folder", runSuite(suite("\"../../victim\"", MOONS, MAP, "")), 2, "field 'name' must be a name"),
                new Case("suite named ..", runSuite(suite("\"..\"", MOONS, MAP, "")), 2, "other than '.' and '..'"),
                new Case("suite named .", runSuite(suite("\".\"", MOONS, MAP, "")), 2, "other than '.' and '..'"),
                new Case("suite name null", runSuite(suite("null", MOONS, MAP, "")), 2, "field 'name' is null"),
                new Case("method name empty", runSuite(suite("\"t\"", MOONS, "{\"name\": \"\", \"method\": \"map\"}", "")), 2,
                        "methods[0]: field 'name' is empty"),
                new Case("method name with spaces", runSuite(suite("\"t\"", MOONS, "{\"name\": \" map\", \"method\": \"map\"}", "")), 2,
                        "has surrounding spaces"),
                new Case("method names differing in case only", runSuite(suite("\"t\"", MOONS,
                        "{\"name\": \"Map\", \"method\": \"map\"}, {\"name\": \"map\", \"method\": \"map\"}", "")), 2,
                        "share a file name on a case-insensitive file system"),
                new Case("methods [null]", runSuite(suite("\"t\"", MOONS, "null", "")), 2, "field 'methods[0]' is null"),
                new Case("datasets [null]", runSuite(suite("\"t\"", "null", MAP, "")), 2, "field 'datasets[0]' is null"),
                new Case("method null", runSuite(suite("\"t\"", MOONS, "{\"method\": null}", "")), 2, "field 'method' is null"),
                new Case("fractional seed", runSuite("{\"name\": \"t\", \"seeds\": [0.7], \"datasets\": [" + MOONS + "], \"methods\": [" + MAP + "]}"), 2,
                        "seeds"),
                new Case("fractional test_samples", runSuite(suite("\"t\"", MOONS, MAP, ", \"test_samples\": 2.5")), 2, "test_samples"),
                new Case("fractional bins", runSuite(suite("\"t\"", MOONS, MAP, ", \"bins\": 7.5")), 2, "bins"),
                new Case("random bytes as a suite", runBytes(randomBytes(1 << 16)), 2, "not UTF-8 text"),
                new Case("a huge suite", runBytes(new byte[5 << 20]), 2, "a suite is at most"),
                new Case("suite is a folder", f -> new String[]{"run", Files.createDirectories(f.resolve("s.json")).toString()}, 2,
                        "not a regular file (a folder)"),
                new Case("suite is a FIFO", f -> new String[]{"run", fifo(f.resolve("s.json")).toString()}, 2, "not a regular file"),
                new Case("compare of two empty folders", f -> new String[]{"compare", Files.createDirectories(f.resolve("a")).toString(),
                        Files.createDirectories(f.resolve("b")).toString()}, 2, "holds no run results"),
                new Case("--out holding a user's summary.md", f -> {
                    Files.writeString(Files.createDirectories(f.resolve("out")).resolve("summary.md"), "mine");
                    return runSuite(suite("\"t\"", MOONS, MAP, "")).args(f);
                }, 2, "summary.md: was not written by Credence"),
                new Case("--out holding other files", f -> {
                    Files.writeString(Files.createDirectories(f.resolve("out")).resolve("notes.json.tmp"), "mine");
                    return runSuite(suite("\"t\"", MOONS, MAP, "")).args(f);
                }, 2, "holds files Credence did not write (notes.json.tmp)"),
                new Case("csv:/dev/zero", runSuite(suite("\"t\"", "{\"name\": \"z\", \"source\": \"csv:/dev/zero\"}", MAP, "")), 2, "/dev/zero"),
                new Case("CSV missing value", csvDataset("x,label\n1,a\n2,b\n?,a\n4,b\n5,a\n6,b\n7,a\n8,b\n"), 2,
                        "d.csv: line 4, column 1 (x): missing value ('?')"),
                new Case("a network wider than an array", runSuite(suite("\"t\"", MOONS,
                        "{\"method\": \"map\", \"params\": {\"hidden\": [46341, 46341]}}", "")), 2, "46,341 × 46,341"),
                new Case("a network larger than the heap", runSuite(suite("\"t\"", MOONS,
                        "{\"method\": \"map\", \"params\": {\"hidden\": [20000, 20000]}}", "")), 2, "lower it, or raise -Xmx"),
                new Case("S × N × K larger than the heap", runSuite(suite("\"t\"", "{\"source\": \"shuttle\"}",
                        "{\"method\": \"mc-dropout\", \"params\": {\"hidden\": [8]}}", ", \"test_samples\": 100000")), 2,
                        "the largest term, predictive samples, scales with 'test_samples'"),
                new Case("sgld keeping more samples than it makes", runSuite(suite("\"t\"", MOONS,
                        "{\"method\": \"sgld\", \"params\": {\"hidden\": [8], \"epochs\": 4, \"burn_in_epochs\": 3, \"samples\": 500}}", "")),
                        2, "'samples'"),
                new Case("a composed method without a base", runSuite(suite("\"t\"", MOONS, "{\"method\": \"deep-ensemble\"}", "")), 2,
                        "builds on another method: give it a \"base\""),
                new Case("a fresh method with a base", runSuite(suite("\"t\"", MOONS, "{\"method\": \"map\", \"base\": \"map\"}", "")), 2,
                        "trains from scratch; remove \"base\""),
                new Case("a base naming no entry", runSuite(suite("\"t\"", MOONS, MAP + ", {\"method\": \"deep-ensemble\", \"base\": \"mapp\"}", "")), 2,
                        "unknown method entry 'mapp'"),
                new Case("bases in a loop", runSuite(suite("\"t\"", MOONS, "{\"name\": \"a\", \"method\": \"deep-ensemble\", \"base\": \"b\"},"
                        + " {\"name\": \"b\", \"method\": \"deep-ensemble\", \"base\": \"a\"}", "")), 2, "a → b → a"),
                new Case("an inline base with an unknown field", runSuite(suite("\"t\"", MOONS,
                        "{\"method\": \"deep-ensemble\", \"base\": {\"method\": \"map\", \"parms\": {}}}", "")), 2, "'parms'"),
                new Case("a base that is a number", runSuite(suite("\"t\"", MOONS, "{\"method\": \"deep-ensemble\", \"base\": 3}", "")), 2,
                        "field 'base' must be"),
                new Case("CSV that is a FIFO", f -> {
                    Path csv = fifo(f.resolve("d.csv"));
                    return runSuite(suite("\"t\"", "{\"name\": \"d\", \"source\": \"csv:" + csv + "\"}", MAP, "")).args(f);
                }, 2, "d.csv")
        );
    }

    static Path fifo(Path p) throws IOException {
        try {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
            Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("no mkfifo: " + e);
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aMistakeIsOneLineWithItsStatusAndNoTraining(Case c) throws IOException {
        Path folder = Files.createTempDirectory(dir, "case");
        String[] args = c.setup().args(folder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(c.status(), status, c.name() + ": " + e);
        List<String> lines = e.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), c.name() + ": one line: " + e);
        assertTrue(lines.get(0).startsWith("error: "), e);
        assertTrue(e.contains(c.fragment()), c.name() + ": expected '" + c.fragment() + "' in: " + e);
        assertFalse(e.contains("internal error"), e);
    }
}
