package dev.credence.experiments.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.UncertaintyMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** Reads a bad file and checks the one-line message names the file and every given fragment. */
    private String bad(String content, String... fragments) throws IOException {
        Path f = write("bad.csv", content);
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> PredictionsCsvReader.read(f));
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        for (String s : fragments) {
            assertTrue(m.contains(s), "message lacks '" + s + "': " + m);
        }
        return m;
    }

    @Test
    void goodFileRoundTrips() throws IOException {
        // \r\n endings, surrounding whitespace, integer and exponent forms, a trailing newline
        Path f = write("good.csv", "label,p_0,p_1,p_2\r\n"
                + "0, 0.6 ,0.3,0.1\r\n"
                + " 2 ,1,0,0\r\n"
                + "1,0.1,0.2,0.7\r\n"
                + "1,6e-1,.4,0\r\n");
        ProbabilisticPredictions p = PredictionsCsvReader.read(f);
        assertEquals(3, p.numClasses());
        assertArrayEquals(new int[] {0, 2, 1, 1}, p.labels());
        assertArrayEquals(new double[] {0.6, 0.3, 0.1}, p.meanProbs()[0], 0.0);
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, p.meanProbs()[1], 0.0);
        // 0.1 + 0.2 + 0.7 = 1.0000000000000002 in double: within 1e-6, kept as written (no renormalising)
        assertArrayEquals(new double[] {0.1, 0.2, 0.7}, p.meanProbs()[2], 0.0);
        assertArrayEquals(new double[] {0.6, 0.4, 0.0}, p.meanProbs()[3], 0.0);
        for (int i = 0; i < 4; i++) {
            assertEquals(UncertaintyMetrics.entropy(p.meanProbs()[i]), p.expectedEntropy()[i], 0.0);
        }
        assertEquals(0.0, MetricSuite.compute(p).mutualInformation());
    }

    @Test
    void noTrailingNewlineAndTrailingBlankLinesAreFine() throws IOException {
        assertEquals(1, PredictionsCsvReader.read(write("a.csv", "label,p_0,p_1\n1,0.25,0.75")).size());
        assertEquals(2, PredictionsCsvReader.read(write("b.csv", "label,p_0,p_1\n1,0.25,0.75\n0,1,0\n\n\r\n")).size());
    }

    @Test
    void sumWithinOneMillionthIsAccepted() throws IOException {
        ProbabilisticPredictions p = PredictionsCsvReader.read(write("s.csv", "label,p_0,p_1\n0,0.5000005,0.5\n"));
        assertEquals(0.5000005, p.meanProbs()[0][0], 0.0);
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.csv");
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> PredictionsCsvReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        bad("", "empty");
        bad("\n  \r\n", "empty");
    }

    @Test
    void badHeader() throws IOException {
        bad("label,p_0\n0,1\n", "line 1", "bad header", "'label,p_0'", "K >= 2");
        bad("label,p_1,p_0\n0,0.5,0.5\n", "line 1", "'label,p_1,p_0'");
        bad("y,p_0,p_1\n0,0.5,0.5\n", "line 1", "'y,p_0,p_1'");
        bad("label,p_0,p_2\n0,0.5,0.5\n", "line 1", "'label,p_0,p_2'");
        bad("0,0.5,0.5\n", "line 1", "'0,0.5,0.5'");
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        bad("label,p_0,p_1,p_2\n0,0.5,0.5,0\n1,0.5,0.5\n", "line 3", "expected 4 fields", "found 3");
        bad("label,p_0,p_1\n0,0.5,0.5,\n", "line 2", "expected 3 fields", "found 4");
        bad("label,p_0,p_1\n0,0.5,0.5\n\n1,0.5,0.5\n", "line 3", "empty line");
    }

    @Test
    void nonNumericValue() throws IOException {
        bad("label,p_0,p_1\n0,0.5,0.5\n0,abc,0.5\n", "line 3", "column p_0", "not a number", "'abc'");
        bad("label,p_0,p_1\n0,0.5,\n", "line 2", "column p_1", "not a number");
        bad("label,p_0,p_1\n0,0.5,0.5d\n", "line 2", "column p_1", "'0.5d'");
    }

    @Test
    void nanOrInfinity() throws IOException {
        bad("label,p_0,p_1\n0,NaN,0.5\n", "line 2", "column p_0", "NaN");
        bad("label,p_0,p_1\n0,0.5,Infinity\n", "line 2", "column p_1", "infinite");
        bad("label,p_0,p_1\n0,0.5,-inf\n", "line 2", "column p_1", "infinite");
        bad("label,p_0,p_1\n0,0.5,1e999\n", "line 2", "column p_1", "infinity");
    }

    @Test
    void negativeProbability() throws IOException {
        bad("label,p_0,p_1\n0,1.1,-0.1\n", "line 2", "column p_0", "greater than 1"); // first bad column first
        bad("label,p_0,p_1\n0,0.5,0.5\n1,-0.25,1\n", "line 3", "column p_0", "negative", "-0.25");
    }

    @Test
    void probabilityAboveOne() throws IOException {
        bad("label,p_0,p_1\n0,0,1.0000001\n", "line 2", "column p_1", "1.0000001", "greater than 1");
    }

    @Test
    void rowNotSummingToOne() throws IOException {
        // 0.5 + 0.25 + 0.125 = 0.875 exactly
        bad("label,p_0,p_1,p_2\n0,0.5,0.25,0.125\n", "line 2", "sum to 0.875", "1e-6");
        // 0.5 + (0.5 + 2^-19) = 1.0000019073486328125 exactly: off by 1.9e-6 > 1e-6
        bad("label,p_0,p_1\n0,0.5,0.5\n1,0.5000019073486328125,0.5\n", "line 3", "sum to 1.0000019073486328");
    }

    @Test
    void badLabel() throws IOException {
        bad("label,p_0,p_1,p_2\n3,0.5,0.5,0\n", "line 2", "column label", "'3'", "0..2");
        bad("label,p_0,p_1,p_2\n-1,0.5,0.5,0\n", "line 2", "column label", "'-1'");
        bad("label,p_0,p_1,p_2\n1.0,0.5,0.5,0\n", "line 2", "column label", "not an integer", "'1.0'");
        bad("label,p_0,p_1,p_2\ncat,0.5,0.5,0\n", "line 2", "column label", "'cat'");
        bad("label,p_0,p_1,p_2\n99999999999999999999,0.5,0.5,0\n", "line 2", "column label");
    }

    @Test
    void noDataRows() throws IOException {
        bad("label,p_0,p_1\n", "no data rows");
        bad("label,p_0,p_1\r\n\r\n", "no data rows");
    }
}
