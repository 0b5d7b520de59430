package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;

/** A read-only view of one run result ({@code credence-run/1}) with the accessors the report needs. */
final class Run {
    private final JsonNode json;

    Run(JsonNode json) {
        this.json = json;
    }

    JsonNode json() {
        return json;
    }

    String id() {
        return json.path("run_id").asText();
    }

    String suite() {
        return json.path("suite").asText();
    }

    long seed() {
        return json.path("seed").asLong();
    }

    String dataset() {
        return json.path("dataset").path("name").asText();
    }

    String method() {
        return json.path("method").path("name").asText();
    }

    boolean ok() {
        return "ok".equals(json.path("status").asText());
    }

    boolean diverged() {
        return "diverged".equals(json.path("status").asText());
    }

    JsonNode metrics() {
        return json.path("metrics");
    }

    /**
     * @param key a metric key of {@code metrics}
     * @return its value, or null when missing, null or not finite
     */
    Double metric(String key) {
        return number(metrics().get(key));
    }

    /** @return the training counts per class */
    int[] trainCounts() {
        return ints(json.path("dataset").path("class_counts").path("train"));
    }

    static Double number(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return null;
        }
        double v = n.asDouble();
        return Double.isFinite(v) ? v : null;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v == null || !v.isNumber() ? Double.NaN : v.asDouble();
        }
        return out;
    }
}
