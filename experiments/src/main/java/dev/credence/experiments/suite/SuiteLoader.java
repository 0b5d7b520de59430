package dev.credence.experiments.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Names;
import dev.credence.experiments.metrics.ConfidenceBinning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a suite JSON strictly: malformed JSON (with line and column), unknown fields (with the known ones),
 * wrong types, and structural mistakes (empty or duplicate seeds, duplicate names) are one-line
 * {@link CredenceInputException}s naming the file and field. Method and dataset names and hyperparameters are
 * checked by {@link SuiteValidator}.
 */
public final class SuiteLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SuiteLoader() {
    }

    /**
     * @param file suite JSON
     * @return the suite, structurally valid
     */
    public static Suite load(Path file) {
        String text = SuiteText.read(file);
        Suite suite;
        try {
            suite = MAPPER.readValue(text, Suite.class);
        } catch (UnrecognizedPropertyException e) {
            Set<String> known = e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
            throw new CredenceInputException(file + ": " + where(e) + Names.unknown("field", e.getPropertyName(), known)
                    + " (in " + path(e.getPath().subList(0, e.getPath().size() - 1)) + ")");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof CredenceInputException c) {
                throw new CredenceInputException(file + ": " + (e.getPath().isEmpty() ? "" : path(e.getPath()) + ": ")
                        + c.getMessage());
            }
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException p) {
                throw new CredenceInputException(file + ": " + where(p) + "malformed JSON: " + firstLine(p.getOriginalMessage()));
            }
            throw new CredenceInputException(file + ": " + where(e) + "field " + path(e.getPath()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new CredenceInputException(file + ": " + where(e) + "malformed JSON: " + firstLine(e.getOriginalMessage()));
        }
        checkStructure(file, suite);
        return suite;
    }

    private static void checkStructure(Path file, Suite suite) {
        if (!suite.name().matches("[A-Za-z0-9._-]+") || suite.name().matches("\\.+")) {
            throw new CredenceInputException(file + ": field 'name' must be a name of letters, digits, '.', '_' or '-' "
                    + "other than '.' and '..', got '" + suite.name() + "'");
        }
        if (suite.seeds().isEmpty()) {
            throw new CredenceInputException(file + ": field 'seeds' is empty; give at least one seed, e.g. [0, 1, 2]");
        }
        if (new HashSet<>(suite.seeds()).size() != suite.seeds().size()) {
            throw new CredenceInputException(file + ": field 'seeds' repeats a seed: " + suite.seeds());
        }
        if (suite.datasets().isEmpty()) {
            throw new CredenceInputException(file + ": field 'datasets' is empty");
        }
        if (suite.methods().isEmpty()) {
            throw new CredenceInputException(file + ": field 'methods' is empty");
        }
        EntryNames.check(file, "datasets", suite.datasets().stream().map(DatasetEntry::name).toList());
        EntryNames.check(file, "methods", suite.methods().stream().map(MethodEntry::name).toList());
        if (suite.bins() < 1 || suite.bins() > ConfidenceBinning.MAX_BINS) {
            throw new CredenceInputException(file + ": field 'bins' must be an integer in [1, " + ConfidenceBinning.MAX_BINS
                    + "], got " + suite.bins());
        }
        if (suite.testSamples() != null && (suite.testSamples() < 1 || suite.testSamples() > 100000)) {
            throw new CredenceInputException(file + ": field 'test_samples' must be an integer in [1, 100000], got " + suite.testSamples());
        }
        for (int i = 0; i < suite.datasets().size(); i++) {
            DatasetEntry d = suite.datasets().get(i);
            String at = file + ": datasets[" + i + "] (" + d.name() + "): field ";
            if (!(d.testFraction() > 0 && d.testFraction() < 1)) {
                throw new CredenceInputException(at + "'test_fraction' must be in (0, 1), got " + d.testFraction());
            }
            if (!(d.validationFraction() >= 0 && d.validationFraction() < 1)) {
                throw new CredenceInputException(at + "'validation_fraction' must be in [0, 1), got " + d.validationFraction());
            }
            if (d.classOrder() != null) {
                checkClassOrder(at, d.classOrder());
            }
        }
    }

    /** The checks that need no data; that the labels are the data's classes is checked when the data are prepared. */
    private static void checkClassOrder(String at, List<String> order) {
        if (order.isEmpty()) {
            throw new CredenceInputException(at + "'class_order' is empty; list every class label once, largest first");
        }
        Set<String> seen = new HashSet<>();
        for (String label : order) {
            if (label == null) {
                throw new CredenceInputException(at + "'class_order' holds a null; list class labels");
            }
            if (!seen.add(label)) {
                throw new CredenceInputException(at + "'class_order' lists '" + label + "' twice; list every class once");
            }
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        if (refs.isEmpty()) {
            return "the top level";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return "'" + sb + "'";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
