package dev.credence.datasets;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The digests behind {@link DatasetSource#contentDigest()}: SHA-256 in lower-case hex. A digest of several files
 * is the SHA-256 of their own hex digests, each followed by {@code \n}, in the source's fixed order, so
 * {@code sha256sum f1 f2 | cut -c1-64 | sha256sum} reproduces it.
 */
public final class ContentDigest {
    /** The algorithm of every content digest. */
    public static final String ALGORITHM = "SHA-256";

    private ContentDigest() {
    }

    /** @return a fresh SHA-256 digest, to update while the bytes are read */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /**
     * @param digest a digest that has seen all the bytes; it is reset
     * @return its value in lower-case hex
     */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param in bytes to hash, read to the end and closed
     * @return their digest
     * @throws IOException if reading fails
     */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream hashed = new DigestInputStream(in, digest)) {
            hashed.transferTo(OutputStream.nullOutputStream());
        }
        return hex(digest);
    }

    /**
     * @param file a data file; checked by {@link DataFiles#requireRegularFile} first
     * @return the digest of its bytes
     * @throws CredenceInputException if it is not a readable regular file or reading fails
     */
    public static String ofFile(Path file) {
        try {
            return of(DataFiles.openRegularFile(file));
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * @param fileDigests the files' own digests, in the source's fixed order
     * @return the digest of them all
     */
    public static String ofFiles(List<String> fileDigests) {
        MessageDigest digest = newDigest();
        for (String d : fileDigests) {
            digest.update((d + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return hex(digest);
    }
}
