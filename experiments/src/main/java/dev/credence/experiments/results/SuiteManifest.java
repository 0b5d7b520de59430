package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a results folder is for: the suite that owns it, the run ids that suite asks for now and the fingerprint
 * each must carry to count, and the digest of the {@code summary.md} the harness last wrote. {@code run} writes it
 * ({@value #NAME}) before training; {@code report} and the summary read it to tell current results from stale ones.
 *
 * @param suite         the suite's name
 * @param runs          run id → the fingerprint its result must carry, in run order
 * @param summarySha256 SHA-256 of the summary.md written last, or null
 * @param storesPredictions whether the suite keeps every ok run's predictions ({@code store_predictions}; written
 *                      only when true)
 */
public record SuiteManifest(String suite, Map<String, String> runs, String summarySha256, boolean storesPredictions) {
    /** File name inside the results folder. */
    public static final String NAME = ".credence-suite";
    /** Format tag. */
    public static final String FORMAT = "credence-suite/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the map, keeping order. */
    public SuiteManifest {
        runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    /** A manifest of a suite that stores no predictions. */
    public SuiteManifest(String suite, Map<String, String> runs, String summarySha256) {
        this(suite, runs, summarySha256, false);
    }

    /** @return whether a result with this id and fingerprint is one the suite asks for now */
    public boolean isCurrent(String runId, String fingerprint) {
        return fingerprint != null && fingerprint.equals(runs.get(runId));
    }

    /** @return this manifest with another summary digest */
    public SuiteManifest withSummary(String sha256) {
        return new SuiteManifest(suite, runs, sha256, storesPredictions);
    }

    /** @param folder results folder to write {@value #NAME} into, atomically */
    public void write(Path folder) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("suite", suite);
        ObjectNode r = n.putObject("runs");
        runs.forEach(r::put);
        if (summarySha256 != null) {
            n.put("summary_sha256", summarySha256);
        }
        if (storesPredictions) {
            n.put("store_predictions", true);
        }
        try {
            AtomicFile.write(folder.resolve(NAME), MAPPER.writeValueAsBytes(n));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param folder results folder
     * @return its manifest, or empty when it has none
     */
    public static Optional<SuiteManifest> read(Path folder) {
        Path f = folder.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new CredenceInputException(f + ": unreadable suite manifest: " + e.getMessage());
        }
        if (n == null || !FORMAT.equals(n.path("format").asText()) || !n.path("suite").isTextual() || !n.path("runs").isObject()) {
            throw new CredenceInputException(f + ": not a " + FORMAT + " manifest");
        }
        Map<String, String> runs = new LinkedHashMap<>();
        n.path("runs").fields().forEachRemaining(e -> runs.put(e.getKey(), e.getValue().asText()));
        JsonNode s = n.get("summary_sha256");
        return Optional.of(new SuiteManifest(n.path("suite").asText(), runs, s == null ? null : s.asText(),
                n.path("store_predictions").asBoolean(false)));
    }
}
