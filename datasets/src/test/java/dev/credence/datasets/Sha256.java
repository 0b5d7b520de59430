package dev.credence.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 computed the plain way, to check {@link ContentDigest} against. */
public final class Sha256 {
    private Sha256() {
    }

    /** @return lower-case hex SHA-256 of {@code bytes} */
    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** @return lower-case hex SHA-256 of the file's bytes */
    public static String of(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    /** @return the documented digest of several files: SHA-256 of their hex digests, one per line */
    public static String ofFiles(Path... files) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Path f : files) {
            lines.append(of(f)).append('\n');
        }
        return of(lines.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
