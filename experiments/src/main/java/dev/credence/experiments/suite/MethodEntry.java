package dev.credence.experiments.suite;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;

/**
 * One method configuration of a suite.
 *
 * @param name   name used in run ids and tables (defaults to the method's name; lets a suite hold two
 *               configurations of one method)
 * @param method registered method name (see the {@code methods} command)
 * @param params hyperparameters (unknown or out-of-range values are errors), or null for defaults
 * @param base   for a method built on another one: that method, as the name of another entry of the suite (a JSON
 *               string) or as an entry written inline (a JSON object with the fields of this record); else null
 */
public record MethodEntry(String name, String method, ObjectNode params, JsonNode base) {

    /** Jackson entry point with defaults. */
    @JsonCreator
    public static MethodEntry of(@JsonProperty("name") String name,
                                 @JsonProperty(value = "method", required = true) String method,
                                 @JsonProperty("params") ObjectNode params,
                                 @JsonProperty("base") JsonNode base) {
        if (method == null) {
            throw new CredenceInputException("field 'method' is null; give a method name (see the methods command)");
        }
        if (base != null && !base.isNull() && !base.isTextual() && !base.isObject()) {
            throw new CredenceInputException("field 'base' must be the name of another method entry or a method entry,"
                    + " got " + base.getNodeType());
        }
        return new MethodEntry(name != null ? name : method, method, params, base == null || base.isNull() ? null : base);
    }
}
