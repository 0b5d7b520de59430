package dev.credence.experiments.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list of the files a build wrote, kept in the report folder as {@value #FILE}: a format tag and the
 * {@code /}-separated relative paths, sorted. It tells a later build its own files from anyone else's: a folder is
 * only replaced when its manifest accounts for every entry in it. Paths in a manifest are only ever compared with
 * what is on disk, never used to name a file.
 */
final class ReportManifest {
    /** The manifest's file name in a report folder. */
    static final String FILE = ".credence-report.json";
    /** The format tag. */
    static final String FORMAT = "credence-report/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportManifest() {
    }

    /**
     * @param files relative paths, in the order to list them
     * @return the manifest text (one path a line, so the same files give the same bytes)
     */
    static String render(Collection<String> files) {
        StringBuilder sb = new StringBuilder("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"files\": [");
        String sep = "\n    ";
        for (String f : files) {
            sb.append(sep).append(quote(f));
            sep = ",\n    ";
        }
        return sb.append(files.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param folder a folder
     * @return the paths its manifest lists; empty when it has no manifest or the file is not one (then it is
     *     just another file the harness did not write)
     * @throws IOException when the manifest exists but cannot be read
     */
    static Optional<Set<String>> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException | java.nio.charset.MalformedInputException e) {
            return Optional.empty();
        }
        if (node == null || !FORMAT.equals(node.path("format").asText()) || !node.path("files").isArray()) {
            return Optional.empty();
        }
        Set<String> files = new HashSet<>();
        for (JsonNode f : node.get("files")) {
            if (!f.isTextual()) {
                return Optional.empty();
            }
            files.add(f.asText());
        }
        return Optional.of(files);
    }

    /**
     * @param folder a folder, possibly missing
     * @return the entries of the folder its manifest does not account for: regular files it does not list,
     *     folders that hold none of them (as {@code name/}, not descended into), and anything else (links,
     *     devices); {@code /}-separated relative paths, sorted. Empty for a missing or empty folder.
     * @throws IOException when the folder cannot be read
     */
    static List<String> unlisted(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        Optional<Set<String>> manifest = read(folder);
        Set<String> files = manifest.orElse(Set.of());
        Set<String> folders = new HashSet<>();
        for (String f : files) {
            for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
                folders.add(f.substring(0, i));
            }
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(folder)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(folder, dir);
                if (folders.contains(rel)) {
                    return FileVisitResult.CONTINUE;
                }
                out.add(rel + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(folder, file);
                boolean ours = attrs.isRegularFile() && (files.contains(rel) || rel.equals(FILE) && manifest.isPresent());
                if (!ours) {
                    out.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static String relative(Path folder, Path p) {
        List<String> parts = new ArrayList<>();
        folder.relativize(p).forEach(n -> parts.add(n.toString()));
        return String.join("/", parts);
    }
}
