package dev.credence.experiments.suite;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a suite file as text, strictly: it must be a regular file of at most {@value #MAX_BYTES} bytes holding
 * UTF-8 (a leading byte-order mark is dropped). Anything else is a one-line {@link CredenceInputException} that
 * names the file and, for bad bytes, the line and byte offset.
 */
final class SuiteText {
    /** Largest suite file accepted: far above any real suite, small enough to never strain the heap. */
    static final int MAX_BYTES = 4 << 20;

    private SuiteText() {
    }

    static String read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new CredenceInputException(file + ": suite file not found");
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read suite file: " + e.getMessage());
        }
        if (!attrs.isRegularFile()) {
            throw new CredenceInputException(file + ": the suite is not a regular file (" + kind(file, attrs) + ")");
        }
        if (attrs.size() > MAX_BYTES) {
            throw new CredenceInputException(file + ": the suite file is " + attrs.size() + " bytes; a suite is at most "
                    + MAX_BYTES + " bytes of JSON");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CredenceInputException(file + ": cannot read suite file: " + e.getMessage());
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(bytes, start);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CredenceInputException(file + ": line " + line + ": not UTF-8 text (invalid byte 0x"
                    + String.format("%02X", bytes[bad] & 0xff) + " at byte " + bad + "); a suite is a JSON text file");
        }
    }

    private static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a folder";
        }
        if (attrs.isOther()) {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? "special file" : "a device, FIFO or socket";
        }
        return "not a file";
    }

    /** @return the offset of the first byte that does not start or continue a valid UTF-8 sequence */
    private static int firstInvalid(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int n = sequenceLength(b, i);
            if (n == 0) {
                return i;
            }
            i += n;
        }
        return Math.max(from, b.length - 1);
    }

    private static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (len == 0 || i + len > b.length) {
            return 0;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, i, len));
            return len;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
