package dev.credence.experiments.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a run's configuration: SHA-256 (lower-case hex) of its canonical JSON — object keys sorted at
 * every level, no white space. Two configurations have one fingerprint exactly when they are equal as JSON values,
 * whatever the order their keys were written in.
 */
public final class Fingerprint {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fingerprint() {
    }

    /**
     * @param config a run's resolved configuration
     * @return its fingerprint
     */
    public static String of(JsonNode config) {
        try {
            return sha256(MAPPER.writeValueAsBytes(canonical(config)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a run configuration", e);
        }
    }

    /** @return lower-case hex SHA-256 of the bytes */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return a copy with the keys of every object sorted */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = MAPPER.createObjectNode();
            for (String n : names) {
                out.set(n, canonical(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return node;
    }
}
