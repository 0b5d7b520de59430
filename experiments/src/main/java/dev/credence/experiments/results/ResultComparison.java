package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.run.RunExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two results folders run by run, ignoring wall-clock timings: the check that a resumed suite, another
 * machine or another JVM reproduced exactly the same numbers.
 */
public final class ResultComparison {
    private ResultComparison() {
    }

    /**
     * @param a first folder
     * @param b second folder
     * @return one line per difference (missing runs, differing values with their JSON path); empty when identical
     */
    public static List<String> differences(ResultStore a, ResultStore b) {
        Map<String, ObjectNode> left = byId(a);
        Map<String, ObjectNode> right = byId(b);
        List<String> out = new ArrayList<>();
        for (String id : left.keySet()) {
            if (!right.containsKey(id)) {
                out.add(id + ": only in " + a.folder());
            }
        }
        for (String id : right.keySet()) {
            if (!left.containsKey(id)) {
                out.add(id + ": only in " + b.folder());
            } else {
                diff(id, "", left.get(id), right.get(id), out);
            }
        }
        return out;
    }

    private static Map<String, ObjectNode> byId(ResultStore store) {
        Map<String, ObjectNode> m = new TreeMap<>();
        for (ObjectNode r : store.readAll()) {
            ObjectNode copy = r.deepCopy();
            RunExecutor.nondeterministicKeys().forEach(copy::remove);
            m.put(r.path("run_id").asText(), copy);
        }
        return m;
    }

    private static void diff(String id, String path, JsonNode x, JsonNode y, List<String> out) {
        if (x.equals(y)) {
            return;
        }
        if (x.isObject() && y.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(id, path + "/" + n, x.path(n), y.path(n), out);
            }
        } else if (x.isArray() && y.isArray() && x.size() == y.size()) {
            for (int i = 0; i < x.size(); i++) {
                diff(id, path + "[" + i + "]", x.get(i), y.get(i), out);
            }
        } else {
            out.add(id + path + ": " + x + " vs " + y);
        }
    }
}
