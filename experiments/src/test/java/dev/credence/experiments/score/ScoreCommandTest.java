package dev.credence.experiments.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

    @TempDir
    Path dir;

    static JsonNode runAndParse(List<String> args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ScoreCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        // exactly one JSON object and nothing else
        JsonNode node = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(out);
        assertTrue(node.isObject(), out);
        return node;
    }

    private Path file() throws IOException {
        Path f = dir.resolve("p.csv");
        // two examples: [0.6,0.4] y=0 right (bin 9 of 15, bin 6 of 10); [0.3,0.7] y=0 wrong
        Files.writeString(f, "label,p_0,p_1\n0,0.6,0.4\n0,0.3,0.7\n");
        return f;
    }

    @Test
    void printsTheReport() throws IOException {
        JsonNode o = runAndParse(List.of(file().toString()));
        assertEquals(15, o.get("bins").asInt());
        assertEquals(2, o.get("n").asInt());
        assertEquals(0.5, o.get("accuracy").asDouble(), 0.0);
        // ECE: |1 - 0.6|/2 + |0 - 0.7|/2 = 0.55
        assertEquals(0.55, o.get("ece").asDouble(), 1e-12);
        assertEquals(0.0, o.get("mutual_information").asDouble(), 0.0);
        assertEquals(o.get("entropy").asDouble(), o.get("expected_entropy").asDouble(), 0.0);
        assertEquals(15, o.get("reliability").size());
        assertEquals(1, o.get("reliability").get(8).get("count").asInt());
    }

    @Test
    void binsOption() throws IOException {
        Path f = file();
        assertEquals(10, runAndParse(List.of(f.toString(), "--bins", "10")).get("reliability").size());
        assertEquals(4, runAndParse(List.of("--bins=4", f.toString())).get("bins").asInt());
        assertEquals(1, runAndParse(List.of(f.toString(), "--bins", "1")).get("reliability").size());
    }

    private static void badArgs(List<String> args, String fragment) {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> ScoreCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badArguments() throws IOException {
        String f = file().toString();
        badArgs(List.of(f, "--bins", "0"), "'0'");
        badArgs(List.of(f, "--bins", "x"), "--bins");
        badArgs(List.of(f, "--bins", "2.5"), "'2.5'");
        badArgs(List.of(f, "--bins"), "--bins needs a value");
        badArgs(List.of(f, "--bins", "3", "--bins", "4"), "more than once");
        badArgs(List.of(f, "--bogus"), "'--bogus'");
        badArgs(List.of(), "missing PREDICTIONS.csv");
        badArgs(List.of(f, f), "unexpected argument");
        badArgs(List.of(dir.resolve("missing.csv").toString()), "missing.csv");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void fourDecimalRowsNeedATolerance() throws IOException {
        Path f = write("four.csv", "label,p_0,p_1,p_2\n0,0.3333,0.3333,0.3333\n1,0.0000,1.0000,0.0000\n");
        badArgs(List.of(f.toString()), "sum to 0.9999");
        badArgs(List.of(f.toString()), "--tolerance E");
        JsonNode kept = runAndParse(List.of(f.toString(), "--tolerance", "1e-3"));
        assertEquals(0, kept.get("input").get("renormalized_rows").asInt());
        assertEquals(1e-4, kept.get("input").get("max_sum_deviation").asDouble(), 1e-12);
        JsonNode renormalized = runAndParse(List.of(f.toString(), "--tolerance=1e-3", "--renormalize"));
        assertEquals(1, renormalized.get("input").get("renormalized_rows").asInt());
        // the first row becomes exactly uniform: NLL ln 3 over it, 0 over the second
        assertEquals(Math.log(3) / 2, renormalized.get("nll").asDouble(), 1e-15);
        assertEquals(-Math.log(0.3333) / 2, kept.get("nll").asDouble(), 1e-15);
        badArgs(List.of(f.toString(), "--tolerance", "1.5"), "--tolerance '1.5': expected a number in [0, 1)");
    }

    @Test
    void clampedTrueClassProbabilitiesAreCounted() throws IOException {
        Path f = write("zero.csv", "label,p_0,p_1\n0,0,1\n0,1e-13,0.9999999999999\n1,0.5,0.5\n");
        JsonNode o = runAndParse(List.of(f.toString()));
        assertEquals(2, o.get("input").get("clamped_at_nll_floor").asInt());
        assertEquals(1e-12, o.get("input").get("nll_floor").asDouble(), 0.0);
        assertEquals((2 * -Math.log(1e-12) - Math.log(0.5)) / 3, o.get("nll").asDouble(), 1e-12);
    }

    @Test
    void logitsGoThroughALogSumExpSoftmax() throws IOException {
        Path logits = write("z.csv", "label,z_0,z_1,z_2\n0,1000,999,-5\n2,0,0,0\n1,-1e300,3.5,3.5\n");
        double e = Math.exp(-1);
        double[][] p = {{1 / (1 + e + Math.exp(-1005)), e / (1 + e + Math.exp(-1005)), Math.exp(-1005) / (1 + e + Math.exp(-1005))},
                {1 / 3.0, 1 / 3.0, 1 / 3.0}, {0, 0.5, 0.5}};
        StringBuilder sb = new StringBuilder("label,p_0,p_1,p_2\n");
        int[] y = {0, 2, 1};
        for (int i = 0; i < 3; i++) {
            sb.append(y[i]);
            for (double v : p[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        JsonNode fromLogits = runAndParse(List.of(logits.toString(), "--logits"));
        JsonNode fromProbs = runAndParse(List.of(write("p.csv", sb.toString()).toString()));
        for (String key : List.of("accuracy", "nll", "brier", "ece", "entropy", "ace")) {
            assertEquals(fromProbs.get(key).asDouble(), fromLogits.get(key).asDouble(), 1e-15, key);
        }
        assertEquals("logits", fromLogits.get("input").get("format").asText());
        badArgs(List.of(logits.toString()), "these columns are logits: add --logits");
        badArgs(List.of(logits.toString(), "--logits", "--renormalize"), "not to --logits");
        badArgs(List.of(write("inf.csv", "label,z_0,z_1\n0,inf,1\n").toString(), "--logits"), "infinite value 'inf' is not a logit");
    }

    @Test
    void perSampleFilesGiveExpectedEntropyAndMutualInformation() throws IOException {
        // example 0: samples (1,0) and (0,1): mean (.5,.5), entropy ln 2, expected entropy 0, MI ln 2
        // example 1: samples (.5,.5) twice: MI 0
        Path f = write("s.csv", "label,sample,p_0,p_1\n0,0,1,0\n0,1,0,1\n1,0,0.5,0.5\n1,1,0.5,0.5\n");
        JsonNode o = runAndParse(List.of(f.toString()));
        assertEquals(2, o.get("n").asInt());
        assertEquals(2, o.get("input").get("samples_per_example").asInt());
        assertEquals(4, o.get("input").get("rows").asInt());
        assertEquals(Math.log(2), o.get("entropy").asDouble(), 1e-15);
        assertEquals(Math.log(2) / 2, o.get("expected_entropy").asDouble(), 1e-15);
        assertEquals(Math.log(2) / 2, o.get("mutual_information").asDouble(), 1e-15);
        badArgs(List.of(write("s3.csv", "label,sample,p_0,p_1\n0,0,1,0\n0,1,0,1\n1,0,1,0\n1,2,1,0\n").toString()),
                "line 5, column sample: expected sample 1 of example 1 (every example has 2 samples, numbered 0..1), found 2");
        badArgs(List.of(write("s4.csv", "label,sample,p_0,p_1\n0,0,1,0\n1,1,0,1\n").toString()),
                "line 3, column label: label 1 differs from label 0");
        badArgs(List.of(write("s5.csv", "label,sample,p_0,p_1\n0,0,1,0\n0,1,0,1\n1,0,1,0\n").toString()),
                "the last example has 1 of its 2 samples");
    }

    @Test
    void bootstrapIntervalsCoverThePointAndRepeatForASeed() throws IOException {
        StringBuilder sb = new StringBuilder("label,p_0,p_1\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 400; i++) {
            double q = r.nextDouble();
            sb.append(r.nextDouble() < q ? 0 : 1).append(',').append(q).append(',').append(1 - q).append('\n');
        }
        Path f = write("b.csv", sb.toString());
        JsonNode o = runAndParse(List.of(f.toString(), "--bootstrap", "200", "--seed", "3", "--per-class"));
        JsonNode b = o.get("bootstrap");
        assertEquals(200, b.get("replicates").asInt());
        assertEquals(0.95, b.get("level").asDouble(), 1e-15);
        for (String key : List.of("accuracy", "nll", "brier", "ece", "ace", "classwise_ece", "auroc_misclassification")) {
            JsonNode iv = b.get("intervals").get(key);
            assertEquals(200, iv.get("replicates_defined").asInt(), key);
            double point = o.get(key).asDouble();
            assertTrue(iv.get("lower").asDouble() < iv.get("upper").asDouble(), key);
            if (!key.contains("ece") && !key.equals("ace")) { // binned errors are biased upward on resamples
                assertTrue(iv.get("lower").asDouble() <= point && point <= iv.get("upper").asDouble(), key + " " + iv);
            }
        }
        assertEquals(0.0, b.get("intervals").get("mutual_information").get("upper").asDouble(), 0.0);
        assertEquals(2, b.get("per_class").size());
        assertTrue(b.get("per_class").get(1).get("accuracy").get("lower").isNumber());
        assertTrue(o.get("per_class").get(0).get("classwise_ece").isNumber());
        assertEquals(o, runAndParse(List.of(f.toString(), "--bootstrap", "200", "--seed", "3", "--per-class")));
        JsonNode other = runAndParse(List.of(f.toString(), "--bootstrap", "200", "--seed", "4"));
        assertTrue(!other.get("bootstrap").get("intervals").equals(b.get("intervals")));
        assertTrue(!runAndParse(List.of(f.toString())).has("bootstrap"));
        badArgs(List.of(f.toString(), "--seed", "3"), "give --bootstrap B too");
    }

    @Test
    void aSpilledSortGivesTheSameReport() throws IOException {
        Path f = Path.of(getClass().getResource("/metrics/reference_predictions.csv").getPath());
        ScoreOptions o = ScoreOptions.parse(List.of(f.toString(), "--bins", "7", "--bootstrap", "5"));
        assertEquals(ScoreCommand.score(o, ExternalSort.DEFAULT_CHUNK), ScoreCommand.score(o, 13));
    }
}
