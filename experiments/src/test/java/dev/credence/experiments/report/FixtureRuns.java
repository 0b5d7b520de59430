package dev.credence.experiments.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small results folders made of some runs of the committed fixture ({@code report/fixture-results}). */
final class FixtureRuns {
    private FixtureRuns() {
    }

    /** @return the committed fixture folder */
    static Path fixture() {
        try {
            return Path.of(FixtureRuns.class.getResource("/report/fixture-results").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param to       folder to create
     * @param prefixes run-id prefixes, e.g. {@code "moons-rho3__map"}
     * @return {@code to}, holding the fixture runs whose file name starts with one of the prefixes
     */
    static Path copy(Path to, String... prefixes) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fixture(), "*.json")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                    Files.copy(p, to.resolve(name));
                }
            }
        }
        return to;
    }
}
