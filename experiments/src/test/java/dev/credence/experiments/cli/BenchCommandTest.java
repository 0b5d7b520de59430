package dev.credence.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.kernel.Sgemm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int saved = Sgemm.threads();
        try {
            new BenchCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } finally {
            Sgemm.setThreads(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneJsonLinePerMethodOnStdout() throws Exception {
        String out = run("--method", "map", "--hidden", "6,5", "--batch", "10", "--examples", "40", "--threads", "1",
                "--repeats", "1", "--warmup", "0.2");
        String[] lines = out.strip().split("\n");
        assertEquals(1, lines.length, out);
        JsonNode o = new ObjectMapper().readTree(lines[0]);
        assertEquals("map", o.get("method").asText());
        assertEquals(1, o.get("settings").get("threads").asInt());
        assertEquals(5, o.get("settings").get("hidden").get(1).asInt());
        assertTrue(o.get("train_examples_per_s").asDouble() > 0);
        assertEquals(0.2, o.get("settings").get("warmup_seconds").asDouble());
        assertTrue(o.get("settings").get("warmup_fits").asInt() >= 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sampled_weights", "local_reparam", "flipout"})
    void paramSetsAMethodHyperparameterAndShowsInTheSettings(String estimator) throws Exception {
        String out = run("--method", "bbb", "--hidden", "6", "--batch", "10", "--examples", "40", "--threads", "1", "--warmup", "0",
                "--repeats", "1", "--samples", "2", "--param", "estimator=" + estimator, "--param", "rho_init=-4");
        JsonNode o = new ObjectMapper().readTree(out.strip());
        JsonNode h = o.get("settings").get("hyperparameters");
        assertEquals(estimator, h.get("estimator").asText());
        assertEquals(-4.0, h.get("rho_init").asDouble());
        assertEquals(2, h.get("test_samples").asInt());
        assertTrue(o.get("train_examples_per_s").asDouble() > 0, out);
    }

    @Test
    void gradientVarianceReportsEveryEstimatorAndThePerExampleOnesAreLessNoisyInTheFirstLayer() throws Exception {
        String out = run("--gradient-variance", "--hidden", "16", "--batch", "32", "--draws", "40", "--threads", "1");
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        double[] varMu = new double[3];
        double[] varRho = new double[3];
        double[] signal = new double[3];
        for (int e = 0; e < 3; e++) {
            JsonNode o = new ObjectMapper().readTree(lines[e]);
            assertEquals(List.of("sampled_weights", "local_reparam", "flipout").get(e), o.get("estimator").asText());
            assertEquals(2, o.get("layers").size());
            assertEquals(40, o.get("settings").get("draws").asInt());
            JsonNode first = o.get("layers").get(0);
            assertEquals(784 * 16, first.get("weights").asInt());
            varMu[e] = first.get("var_mu").asDouble();
            varRho[e] = first.get("var_rho").asDouble();
            signal[e] = first.get("signal_mu").asDouble();
            assertTrue(varMu[e] > 0 && varRho[e] > 0, lines[e]);
        }
        // per-example noise averages over the 32 rows; one shared draw does not
        assertTrue(varMu[1] < varMu[0] && varMu[2] < varMu[0], java.util.Arrays.toString(varMu));
        assertTrue(varRho[1] < varRho[0] && varRho[2] < varRho[0], java.util.Arrays.toString(varRho));
        // all three estimate the same expected gradient: the unbiased estimates of its square agree (13% apart here)
        for (int e = 1; e < 3; e++) {
            assertEquals(signal[0], signal[e], 0.25 * signal[0], "signal of estimator " + e);
        }
    }

    @Test
    void gradientVarianceOnLeNet5ReportsTheConvolutionsWithTheDenseLayers() throws Exception {
        String out = run("--gradient-variance", "--architecture", "lenet5", "--batch", "8", "--draws", "6", "--threads", "1");
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        for (String line : lines) {
            JsonNode o = new ObjectMapper().readTree(line);
            assertEquals("lenet5", o.get("settings").get("architecture").asText());
            JsonNode layers = o.get("layers");
            assertEquals(5, layers.size(), line);
            List<String> kinds = new java.util.ArrayList<>();
            List<Integer> weights = new java.util.ArrayList<>();
            for (JsonNode l : layers) {
                kinds.add(l.get("kind").asText());
                weights.add(l.get("weights").asInt());
                assertTrue(l.get("var_mu").asDouble() > 0 && l.get("var_rho").asDouble() > 0, line);
            }
            assertEquals(List.of("conv", "conv", "dense", "dense", "dense"), kinds);
            assertEquals(List.of(25 * 6, 150 * 16, 400 * 120, 120 * 84, 84 * 10), weights);
            assertEquals("layer2", layers.get(1).get("name").asText());
        }
    }

    @Test
    void gradientVarianceOptionsAreCheckedAndRefusedElsewhere() {
        CredenceInputException unknown = assertThrows(CredenceInputException.class,
                () -> run("--gradient-variance", "--architecture", "vgg"));
        assertEquals("bench: --architecture vgg: unknown (known: mlp, lenet5); see 'credence bench --help'", unknown.getMessage());
        assertThrows(CredenceInputException.class, () -> run("--gradient-variance", "--architecture", "lenet5", "--hidden", "5"));
        assertThrows(CredenceInputException.class, () -> run("--kernel", "--architecture", "lenet5"));
        assertThrows(CredenceInputException.class, () -> run("--gradient-variance", "--draws", "1"));
        assertThrows(CredenceInputException.class, () -> run("--gradient-variance", "--rho-init", "x"));
        assertThrows(CredenceInputException.class, () -> run("--gradient-variance", "--method", "bbb"));
        assertThrows(CredenceInputException.class, () -> run("--method", "map", "--draws", "5", "--examples", "10"));
    }

    @Test
    void sgldRunsOneEpochOverAllRowsWithoutBurnIn() throws Exception {
        String out = run("--method", "sgld", "--hidden", "6", "--batch", "10", "--examples", "80", "--threads", "1", "--warmup", "0",
                "--repeats", "1", "--param", "samples=4");
        JsonNode o = new ObjectMapper().readTree(out.strip());
        assertEquals(80, o.get("examples_per_fit").asLong());
        assertEquals(4, o.get("samples").asInt());
        assertEquals(0, o.get("settings").get("hyperparameters").get("burn_in_epochs").asInt());
    }

    @Test
    void sgldKeepsNoMoreSamplesThanItsOneEpochHasUpdates() throws Exception {
        String out = run("--method", "sgld", "--hidden", "6", "--batch", "10", "--examples", "75", "--threads", "1", "--warmup", "0",
                "--repeats", "1");
        JsonNode o = new ObjectMapper().readTree(out.strip());
        assertEquals(8, o.get("settings").get("hyperparameters").get("samples").asInt(), "⌈75 / 10⌉ updates");
    }

    @Test
    void composedPrintsOneJsonLinePerMethodAndPhaseWithTheSettingsUsed() throws Exception {
        String out = run("--method", "composed", "--hidden", "6", "--batch", "10", "--examples", "60", "--held-out", "30",
                "--members", "2", "--swag-epochs", "2", "--threads", "1", "--repeats", "2", "--warmup", "0");
        List<String> phases = new java.util.ArrayList<>();
        for (String line : out.strip().split("\n")) {
            JsonNode o = new ObjectMapper().readTree(line);
            phases.add(o.get("method").asText() + "/" + o.get("phase").asText());
            assertTrue(o.get("seconds").asDouble() > 0, line);
            assertEquals(2, o.get("runs").get("seconds").size(), line);
            assertEquals(60, o.get("settings").get("examples").asInt(), line);
            assertEquals(30, o.get("settings").get("held_out").asInt(), line);
            assertEquals("map", o.get("settings").get("base").asText(), line);
            assertEquals(1, o.get("settings").get("base_hyperparameters").get("epochs").asInt(), line);
        }
        assertEquals(List.of("deep-ensemble/member", "deep-ensemble/total", "deep-ensemble/predict",
                "temperature-scaling/fit", "temperature-scaling/logits+fit", "laplace/features", "laplace/ggn-kron",
                "laplace/ggn-full", "laplace/fit", "laplace/probit", "swag/collect", "swag/sample", "swag/predict"), phases);
    }

    @Test
    void aComposedMethodAloneReportsWhatItFittedAndHowMuchItProcessed() throws Exception {
        String out = run("--method", "swag", "--hidden", "6", "--batch", "10", "--examples", "60", "--held-out", "30",
                "--swag-epochs", "3", "--threads", "1", "--repeats", "1", "--warmup", "0");
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        JsonNode collect = new ObjectMapper().readTree(lines[0]);
        assertEquals("collect", collect.get("phase").asText());
        assertEquals(3 * 60, collect.get("count").asLong());
        assertEquals(3, collect.get("details").get("iterates").asInt());
        assertEquals(3, collect.get("settings").get("swag_epochs").asInt());
        JsonNode predict = new ObjectMapper().readTree(lines[2]);
        assertEquals(30, predict.get("count").asLong());
        double accuracy = predict.get("details").get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, lines[2]);
    }

    @Test
    void composedOptionsAreCheckedAndRefusedElsewhere() {
        assertThrows(CredenceInputException.class, () -> run("--method", "map", "--examples", "10", "--members", "2"));
        assertThrows(CredenceInputException.class, () -> run("--method", "composed", "--swag-epochs", "1"));
        assertThrows(CredenceInputException.class, () -> run("--method", "laplace", "--param", "hessian=full"));
        assertThrows(CredenceInputException.class, () -> run("--method", "laplace", "--held-out", "0"));
    }

    @Test
    void badParamsAreOneLineUserErrorsNamingTheField() {
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> run("--method", "bbb", "--examples", "10", "--param", "estimator=fast"));
        assertTrue(e.getMessage().contains("'estimator'") && !e.getMessage().contains("\n"), e.getMessage());
        e = assertThrows(CredenceInputException.class, () -> run("--method", "bbb", "--examples", "10", "--param", "estimatr=x"));
        assertTrue(e.getMessage().contains("did you mean 'estimator'"), e.getMessage());
        assertThrows(CredenceInputException.class, () -> run("--method", "map", "--param", "epochs"));
        assertThrows(CredenceInputException.class, () -> run("--method", "map", "--param"));
        assertThrows(CredenceInputException.class, () -> run("--method", "map", "--param", "epochs=2", "--param", "epochs=3"));
        assertThrows(CredenceInputException.class, () -> run("--kernel", "--param", "epochs=2"));
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThrows(CredenceInputException.class, () -> run("--batch", "0"));
        assertThrows(CredenceInputException.class, () -> run("--warmup", "-1"));
        assertThrows(CredenceInputException.class, () -> run("--hidden", "4,x"));
        assertThrows(CredenceInputException.class, () -> run("--method", "nosuch", "--examples", "10"));
        assertThrows(CredenceInputException.class, () -> run("--frobnicate"));
    }
}
