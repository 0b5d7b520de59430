package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodBenchmarkTest {

    static BenchSettings small(Integer samples) {
        return new BenchSettings(List.of(8), 16, 64, samples, 1, 1, 5, 32, 0);
    }

    /** A provider that only declares hyperparameters; never trained. */
    static MethodProvider declaring(HyperParameter... declared) {
        return new MethodProvider() {
            @Override
            public String name() {
                return "stub";
            }

            @Override
            public String description() {
                return "stub";
            }

            @Override
            public List<HyperParameter> hyperParameters() {
                return List.of(declared);
            }

            @Override
            public Class<? extends UncertaintyTrainer> trainerClass() {
                return UncertaintyTrainer.class;
            }

            @Override
            public UncertaintyTrainer create(ResolvedParams params, long seed) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void onlySharedHyperparametersTheMethodDeclaresAreSet() {
        MethodBenchmark bench = new MethodBenchmark(small(4), BenchData.synthetic(64, 1));
        Map<String, Object> all = bench.hyperParameters(declaring(
                HyperParameter.intList("hidden", List.of(1), 1, 10, "h"),
                HyperParameter.integer("epochs", 1, 1, 10, "e"),
                HyperParameter.integer("batch_size", 1, 1, 100, "b"),
                HyperParameter.integer("test_samples", 1, 1, 10, "s"),
                HyperParameter.real("private_knob", 1, 0, 2, "p")));
        assertEquals(Map.of("hidden", List.of(8), "epochs", 1, "batch_size", 16, "test_samples", 4), all);
        assertEquals(Map.of("epochs", 1), bench.hyperParameters(declaring(HyperParameter.integer("epochs", 1, 1, 10, "e"))));
        MethodBenchmark noSamples = new MethodBenchmark(small(null), BenchData.synthetic(64, 1));
        assertEquals(Map.of(), noSamples.hyperParameters(declaring(HyperParameter.integer("test_samples", 1, 1, 10, "s"))));
    }

    static MethodProvider knobs() {
        return declaring(
                HyperParameter.integer("epochs", 20, 1, 100, "e"),
                HyperParameter.integer("burn_in_epochs", 10, 0, 100, "b"),
                HyperParameter.choice("estimator", "local_reparam", List.of("sampled_weights", "local_reparam"), "est"),
                HyperParameter.real("rho_init", -3, -20, 5, "rho"),
                HyperParameter.realList("step_sizes", List.of(3e-5, 1e-4), 1e-15, 10, "eps"),
                HyperParameter.bool("preconditioned", false, "p"));
    }

    @Test
    void burnInIsZeroedAndParamsOverrideAndAreTypedByTheMethodsDeclarations() {
        MethodBenchmark plain = new MethodBenchmark(small(null), BenchData.synthetic(64, 1));
        assertEquals(Map.of("epochs", 1, "burn_in_epochs", 0, "step_sizes", List.of(3e-5)), plain.hyperParameters(knobs()),
                "one chain, at the first default step size");
        MethodBenchmark bench = new MethodBenchmark(small(null), BenchData.synthetic(64, 1), Map.of(
                "estimator", "sampled_weights", "rho_init", "-4.5", "step_sizes", "1e-5, 3e-5", "preconditioned", "true",
                "epochs", "3", "hidden", "7"));
        Map<String, Object> values = bench.hyperParameters(knobs());
        assertEquals(Map.of("epochs", 3, "burn_in_epochs", 0, "estimator", "sampled_weights", "rho_init", -4.5,
                "step_sizes", List.of(1e-5, 3e-5), "preconditioned", true), values, "hidden is not declared: not set");
        assertEquals(List.of(2.0), new MethodBenchmark(small(null), BenchData.synthetic(64, 1), Map.of("step_sizes", "[2]"))
                .hyperParameters(knobs()).get("step_sizes"));
    }

    @Test
    void badParamValuesFailTheMethodsValidationNamingTheField() {
        for (Map.Entry<String, String> bad : Map.of("estimator", "fast", "rho_init", "9", "epochs", "1.5",
                "preconditioned", "yes", "step_sizes", "1e-5,x").entrySet()) {
            MethodBenchmark bench = new MethodBenchmark(small(null), BenchData.synthetic(64, 1), Map.of(bad.getKey(), bad.getValue()));
            CredenceInputException e = assertThrows(CredenceInputException.class, () -> bench.hyperParameters(knobs()), bad.toString());
            assertTrue(e.getMessage().contains("'" + bad.getKey() + "'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aParamNoMeasuredMethodDeclaresIsReportedWithTheNearestName() {
        assertNull(MethodBenchmark.undeclared(List.of(knobs()), Map.of("rho_init", "1")));
        String message = MethodBenchmark.undeclared(List.of(knobs()), Map.of("rho_int", "1"));
        assertTrue(message.contains("'rho_int'") && message.contains("did you mean 'rho_init'"), message);
    }

    @Test
    void accuracyIsTheShareOfRowsWhoseMeanPredictivePicksTheLabel() {
        // two samples, three rows, two classes: means (0.7, 0.3), (0.4, 0.6), (0.5+, 0.5-)
        float[][] probs = {{0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, {0.5f, 0.5f, 0.6f, 0.4f, 0.41f, 0.59f}};
        PredictiveSamples p = new PredictiveSamples(3, 2, probs);
        assertEquals(2.0 / 3, MethodBenchmark.accuracy(p, new int[]{0, 1, 1, 0}), 1e-12);
        assertEquals(1.0 / 3, MethodBenchmark.accuracy(p, new int[]{1, 1, 1}), 1e-12);
    }

    @Test
    void mapProducesOneJsonObjectWithTheAdvertisedFields() {
        MethodBenchmark bench = new MethodBenchmark(small(null), BenchData.synthetic(64, 1));
        ObjectNode o = bench.measure(MethodRegistry.discover().get("map"), new PrintStream(new ByteArrayOutputStream()));
        assertEquals("map", o.get("method").asText());
        for (String key : List.of("train_examples_per_s", "inference_examples_per_s", "gflops")) {
            assertTrue(o.get(key).asDouble() > 0, key + " in " + o);
        }
        assertEquals(1, o.get("samples").asInt());
        assertEquals(64, o.get("examples_per_fit").asLong());
        assertEquals(8, o.get("settings").get("hidden").get(0).asInt());
        assertTrue(o.get("engine").get("kernel").asText().startsWith("credence-sgemm"));
        double accuracy = o.get("train_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, o.toString());
    }
}
