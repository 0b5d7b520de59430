package dev.credence.experiments.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-check against an independent pure-Python implementation of PROTOCOL.md
 * (src/test/resources/metrics/reference_metrics.py). The CSV (500 rows, K = 4, many entries exactly on bin
 * edges, ties, zeros) and the expected JSON were produced by:
 *
 * <pre>
 * python3 reference_metrics.py generate reference_predictions.csv
 * python3 reference_metrics.py score reference_predictions.csv --bins B &gt; reference_expected_binsB.json
 * </pre>
 *
 * Every key, in the same order, must agree: integers exactly, doubles to 1e-9 relative (1e-12 absolute near 0).
 */
class ScoreReferenceCrossCheckTest {

    @ParameterizedTest
    @ValueSource(ints = {15, 10, 7})
    void agreesWithTheReferenceImplementation(int bins) throws IOException, URISyntaxException {
        Path csv = Path.of(getClass().getResource("/metrics/reference_predictions.csv").toURI());
        JsonNode actual = ScoreCommandTest.runAndParse(List.of(csv.toString(), "--bins", String.valueOf(bins)));
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/metrics/reference_expected_bins" + bins + ".json")) {
            expected = new ObjectMapper().readTree(in);
        }
        // the scorer's own section on what it read is no protocol metric
        assertTrue(((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("input").isObject());
        compare("$", expected, actual);
    }

    private static void compare(String path, JsonNode e, JsonNode a) {
        if (e.isObject()) {
            assertTrue(a.isObject(), path);
            assertEquals(names(e), names(a), path);
            e.fields().forEachRemaining(en -> compare(path + "." + en.getKey(), en.getValue(), a.get(en.getKey())));
        } else if (e.isArray()) {
            assertTrue(a.isArray(), path);
            assertEquals(e.size(), a.size(), path);
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "]", e.get(i), a.get(i));
            }
        } else if (e.isNull()) {
            assertTrue(a.isNull(), path + ": expected null, got " + a);
        } else if (e.isIntegralNumber()) {
            assertTrue(a.isIntegralNumber(), path + ": expected an integer, got " + a);
            assertEquals(e.longValue(), a.longValue(), path);
        } else {
            assertTrue(a.isNumber(), path + ": expected a number, got " + a);
            double x = e.doubleValue();
            double y = a.doubleValue();
            double tol = Math.max(1e-9 * Math.max(Math.abs(x), Math.abs(y)), 1e-12);
            assertEquals(x, y, tol, path);
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
