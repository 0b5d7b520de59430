package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.spi.HyperParameter;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodBenchmarkTest {

    static BenchSettings small(Integer samples) {
        return new BenchSettings(List.of(8), 16, 64, samples, 1, 1, 5, 32);
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
                HyperParameter.integer("batch_size", 1, 1, 10, "b"),
                HyperParameter.integer("test_samples", 1, 1, 10, "s"),
                HyperParameter.real("private_knob", 1, 0, 2, "p")));
        assertEquals(Map.of("hidden", List.of(8), "epochs", 1, "batch_size", 16, "test_samples", 4), all);
        assertEquals(Map.of("epochs", 1), bench.hyperParameters(declaring(HyperParameter.integer("epochs", 1, 1, 10, "e"))));
        MethodBenchmark noSamples = new MethodBenchmark(small(null), BenchData.synthetic(64, 1));
        assertEquals(Map.of(), noSamples.hyperParameters(declaring(HyperParameter.integer("test_samples", 1, 1, 10, "s"))));
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
    }
}
