package dev.credence.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test helpers that make the non-regular files a user might name by mistake. */
public final class SpecialFiles {
    /** A character device every Linux and macOS machine has. */
    public static final Path DEV_ZERO = Path.of("/dev/zero");

    private SpecialFiles() {
    }

    /**
     * Makes a FIFO with {@code mkfifo}; skips the test where that is impossible.
     *
     * @param path where
     * @return {@code path}
     */
    public static Path fifo(Path path) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return path;
    }

    /**
     * @param link where
     * @return a symbolic link at {@code link} to a file that does not exist
     */
    public static Path danglingLink(Path link) throws IOException {
        return Files.createSymbolicLink(link, link.resolveSibling(link.getFileName() + ".missing-target"));
    }

    /** Skips the test where {@code /dev/zero} is absent. */
    public static void assumeDevZero() {
        assumeTrue(Files.exists(DEV_ZERO), DEV_ZERO + " is absent");
    }
}
