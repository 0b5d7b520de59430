package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Atomic replacement of one file: the bytes go to a temporary file in the same folder whose name is unique to
 * this writer ({@code .<name>.<pid>-<nonce>.credence-tmp}), are forced to disk, and the file is renamed over the
 * target. A reader sees the old file or the new one, never a mix; two writers never share a temporary file. An I/O
 * failure (a full disk, a permission) is a one-line {@link CredenceInputException} naming the file and the cause,
 * and leaves the target as it was.
 */
public final class AtomicFile {
    private static final String SUFFIX = ".credence-tmp";
    private static final Pattern OURS = Pattern.compile("\\..+\\.[0-9]+-[0-9a-f]{16}" + Pattern.quote(SUFFIX));

    private AtomicFile() {
    }

    /**
     * @param target the file to create or replace
     * @param bytes  its new content
     */
    public static void write(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + String.format("%016x", ThreadLocalRandom.current().nextLong()) + SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
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
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the cause below is what the user needs
            }
            throw new CredenceInputException(target + ": cannot write: " + cause(e), e);
        }
    }

    /** @return whether a file name is one of this class's temporary files (left by a killed writer) */
    static boolean isTemporary(String fileName) {
        return OURS.matcher(fileName).matches();
    }

    /** @return the reason of an I/O failure in a few words, e.g. "No space left on device" */
    static String cause(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
