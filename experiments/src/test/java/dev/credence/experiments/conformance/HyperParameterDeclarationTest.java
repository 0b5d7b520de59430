package dev.credence.experiments.conformance;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.credence.core.spi.Architecture;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every discovered method declares each hyperparameter once, as a trainer field: the suite's names, the values a
 * trainer holds and its Tribuo provenance are the same facts. Checked on values other than the defaults, so a
 * value that does not reach its field fails.
 */
class HyperParameterDeclarationTest {

    static List<String> methods() {
        return MethodConformanceTest.methods();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyHyperparameterReachesItsFieldAndTheProvenance(String method) {
        MethodProvider p = MethodRegistry.discover().get(method);
        List<HyperParameter> specs = p.hyperParameters();
        assertFalse(specs.isEmpty(), method + " declares no hyperparameter");
        assertEquals(HyperParameterFields.of(p.trainerClass()), specs, "the provider's list is its trainer's fields");
        ResolvedParams params = HyperParameters.resolve("test", method, specs, null);
        UncertaintyTrainer trainer = p instanceof ComposedMethodProvider c
                ? c.create(params, 3, MethodRegistry.discover().get("map").create(Map.of(), 3))
                : p.create(params, 3);
        Map<String, String> provenance = provenance(trainer);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (HyperParameter h : specs) {
            names.add(h.name());
            assertTrue(h.description() != null && !h.description().isBlank(), h.name());
        }
        for (String key : trainer.getProvenance().getConfiguredParameters().keySet()) {
            assertTrue(names.contains(key) || NOT_HYPERPARAMETERS.contains(key),
                    method + ": the provenance names '" + key + "', which is no hyperparameter of " + names);
        }
        assertTrue(provenance.keySet().stream().filter(names::contains).count() > 0, method + ": " + provenance);
        Object again = HyperParameterFields.holding(p.trainerClass(), params);
        assertEquals(null, HyperParameterFields.problem(again), "defaults are within their ranges");
    }

    @ParameterizedTest
    @MethodSource("methods")
    void aNonDefaultValueReachesTheTrainer(String method) {
        MethodProvider p = MethodRegistry.discover().get(method);
        for (HyperParameter h : p.hyperParameters()) {
            Object other = otherValue(h);
            if (other == null) {
                continue;
            }
            Map<String, Object> given = new HashMap<>();
            given.put(h.name(), other);
            ResolvedParams params;
            try {
                params = HyperParameters.resolve("test", method, p.hyperParameters(),
                        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(given));
            } catch (RuntimeException e) {
                throw new AssertionError(method + ": " + h.name() + " = " + other + ": " + e.getMessage(), e);
            }
            Object trainer = HyperParameterFields.holding(p.trainerClass(), params);
            String value = provenance((com.oracle.labs.mlrg.olcut.provenance.Provenancable<?>) trainer).get(h.name());
            if (value == null) {
                // a setting that does not apply with the other values at their defaults is left out of the provenance
                continue;
            }
            if (other instanceof Number n) {
                assertEquals(n.doubleValue(), Double.parseDouble(value), 0.0, method + ": " + h.name());
            } else {
                assertEquals(normalise(other), normalise(value), method + ": " + h.name());
            }
        }
    }

    /** @return a valid value other than the default, or null when there is none to try */
    static Object otherValue(HyperParameter h) {
        return switch (h.type()) {
            case BOOLEAN -> !(Boolean) h.defaultValue();
            case CHOICE -> h.choices().stream().filter(c -> !c.equals(h.defaultValue())).findFirst().orElse(null);
            case INT -> (Integer) h.defaultValue() + ((Integer) h.defaultValue() < h.max() ? 1 : -1);
            case DOUBLE -> {
                double d = (Double) h.defaultValue();
                double candidate = d == 0 ? Math.min(h.max(), 1e-3) : d * 0.5;
                yield h.admits(candidate) ? candidate : null;
            }
            case INT_LIST -> List.of(h.min().intValue() == 0 ? 1 : h.min().intValue(), 3);
            case DOUBLE_LIST -> List.of(h.max());
            case ARCHITECTURE -> Architecture.LENET5;
        };
    }

    /** @return the value as text in lower case without spaces, list elements as doubles: [1.0,3.0] */
    static String normalise(Object o) {
        String s = String.valueOf(o).toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (!s.startsWith("[")) {
            return s;
        }
        String inner = s.substring(1, s.length() - 1);
        return java.util.Arrays.stream(inner.split(",")).map(e -> Double.toString(Double.parseDouble(e)))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Configurable fields of every trainer that are not hyperparameters of a suite. */
    static final java.util.Set<String> NOT_HYPERPARAMETERS = java.util.Set.of("seed", "base", "hold_out_fraction");

    static Map<String, String> provenance(com.oracle.labs.mlrg.olcut.provenance.Provenancable<?> trainer) {
        Map<String, String> out = new HashMap<>();
        ObjectProvenance prov = (ObjectProvenance) trainer.getProvenance();
        for (var e : prov) {
            Provenance v = e.getB();
            out.put(e.getA(), v.toString());
        }
        return out;
    }
}
