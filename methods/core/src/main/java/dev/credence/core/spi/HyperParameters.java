package dev.credence.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict validation of a method's hyperparameters from JSON: an unknown key, a wrong type or an out-of-range
 * value is a {@link CredenceInputException} naming the field and what was expected.
 */
public final class HyperParameters {
    private HyperParameters() {
    }

    /**
     * @param context where the values come from, e.g. "suites/quick.json: method 'map'" (starts the message)
     * @param method  method name
     * @param specs   the declared hyperparameters
     * @param given   a JSON object of values (null or missing = all defaults)
     * @return every declared value, given or defaulted
     */
    public static ResolvedParams resolve(String context, String method, List<HyperParameter> specs, JsonNode given) {
        Map<String, HyperParameter> byName = new LinkedHashMap<>();
        for (HyperParameter spec : specs) {
            byName.put(spec.name(), spec);
        }
        if (given != null && !given.isNull() && !given.isMissingNode() && !given.isObject()) {
            throw new CredenceInputException(context + ": hyperparameters must be a JSON object, got " + given.getNodeType());
        }
        if (byName.containsKey(Architecture.FIELD)) {
            Architecture.checkExclusive(context, given);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter spec : specs) {
            values.put(spec.name(), spec.defaultValue());
        }
        if (given != null && given.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                HyperParameter spec = byName.get(field.getKey());
                if (spec == null) {
                    throw new CredenceInputException(context + ": " + Names.unknown("hyperparameter of " + method, field.getKey(), byName.keySet()));
                }
                values.put(spec.name(), parse(context, spec, field.getValue()));
            }
        }
        return new ResolvedParams(method, values);
    }

    private static Object parse(String context, HyperParameter spec, JsonNode node) {
        Object value = switch (spec.type()) {
            case INT -> node.isIntegralNumber() && node.canConvertToInt() && inRange(spec, node.asDouble()) ? node.intValue() : null;
            case DOUBLE -> node.isNumber() && inRange(spec, node.asDouble()) ? node.doubleValue() : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case CHOICE -> node.isTextual() && spec.choices().contains(node.textValue()) ? node.textValue() : null;
            case INT_LIST -> list(spec, node, true);
            case DOUBLE_LIST -> list(spec, node, false);
            case ARCHITECTURE -> Architecture.parse(context, node);
        };
        if (value == null) {
            throw new CredenceInputException(context + ": hyperparameter '" + spec.name() + "' must be " + spec.domain() + ", got " + node);
        }
        return value;
    }

    private static List<?> list(HyperParameter spec, JsonNode node, boolean integers) {
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (integers ? !(e.isIntegralNumber() && e.canConvertToInt()) : !e.isNumber()) {
                return null;
            }
            if (!inRange(spec, e.asDouble())) {
                return null;
            }
            out.add(integers ? (Object) e.intValue() : (Object) e.doubleValue());
        }
        return List.copyOf(out);
    }

    private static boolean inRange(HyperParameter spec, double v) {
        return spec.admits(v);
    }
}
