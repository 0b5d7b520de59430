package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON file per run in a folder. Writes are atomic (a temporary file in the same folder, forced to disk,
 * then renamed), so a killed process leaves either the complete previous state or the complete new file; a
 * leftover temporary file is never read as a result.
 */
public final class ResultStore {
    /** The format tag every result file carries. */
    public static final String FORMAT = "credence-run/1";
    private static final String TMP_SUFFIX = ".json.tmp";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    /**
     * @param folder results folder (created on first write); an existing non-folder or unwritable path is an error
     */
    public ResultStore(Path folder) {
        this.folder = folder;
    }

    /** @return the folder */
    public Path folder() {
        return folder;
    }

    /** Creates the folder and checks it is writable, before any run starts. */
    public void prepare() {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new CredenceInputException(folder + ": the output folder is a file");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CredenceInputException(folder + ": cannot create the output folder: " + e.getMessage());
        }
        if (!Files.isWritable(folder)) {
            throw new CredenceInputException(folder + ": the output folder is not writable");
        }
        removeLeftoverTemporaries();
    }

    /** @return the file of a run id */
    public Path file(String runId) {
        return folder.resolve(runId + ".json");
    }

    /**
     * @param runId run id
     * @return whether a complete, readable result of this run exists
     */
    public boolean hasResult(String runId) {
        Path f = file(runId);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            JsonNode node = MAPPER.readTree(f.toFile());
            return node != null && FORMAT.equals(node.path("format").asText()) && node.has("status");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a run's result atomically.
     *
     * @param runId  run id
     * @param result the JSON object
     */
    public void write(String runId, ObjectNode result) {
        Path target = file(runId);
        Path tmp = folder.resolve(runId + TMP_SUFFIX);
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(result);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                var buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result " + target, e);
        }
    }

    /** @return every complete result in the folder, sorted by file name */
    public List<ObjectNode> readAll() {
        List<ObjectNode> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException(folder + ": results folder not found");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        for (Path f : files) {
            try {
                JsonNode node = MAPPER.readTree(f.toFile());
                if (node instanceof ObjectNode o && FORMAT.equals(o.path("format").asText())) {
                    out.add(o);
                }
            } catch (IOException e) {
                throw new CredenceInputException(f + ": not a readable result file: " + e.getMessage());
            }
        }
        return out;
    }

    private void removeLeftoverTemporaries() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*" + TMP_SUFFIX)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
