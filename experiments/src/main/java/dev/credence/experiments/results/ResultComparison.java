package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two results folders run by run, ignoring wall-clock timings ({@link RunResult#withoutTimings()}): the
 * check that a resumed suite, another machine or another JVM reproduced exactly the same numbers. Each result is
 * read as a {@link RunResult} and compared as the JSON it writes.
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
        Map<String, JsonNode> left = byId(a);
        Map<String, JsonNode> right = byId(b);
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

    private static Map<String, JsonNode> byId(ResultStore store) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (RunResult r : store.readAll()) {
            m.put(r.runId(), r.withoutTimings().toJson());
        }
        return m;
    }

    private static void diff(String id, String path, JsonNode x, JsonNode y, List<String> out) {
        if (x.equals(y)) {
            return;
        }
        if (x.isObject() && y.isObject()) {
            TreeSet<String> names = new TreeSet<>();
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
