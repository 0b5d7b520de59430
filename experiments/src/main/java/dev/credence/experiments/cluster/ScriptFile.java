package dev.credence.experiments.cluster;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.AtomicFile;
import dev.credence.experiments.results.Fingerprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script the harness writes and may write again: its last line is {@value #TAG} and the SHA-256 of every byte before
 * that line, so the harness can tell its own unedited file from one a user wrote or edited, which it never
 * overwrites. Written atomically ({@link AtomicFile}).
 */
public final class ScriptFile {
    /** Starts the last line of every script the harness writes. */
    public static final String TAG = "# credence-script/1 sha256 ";

    private ScriptFile() {
    }

    /**
     * @param file where to write
     * @param body the script, ending with a newline
     * @throws CredenceInputException when the file exists and is not an unedited script of the harness
     */
    public static void write(Path file, String body) {
        if (Files.exists(file) && !isOurs(file)) {
            throw new CredenceInputException(file + ": was not written by Credence, or was edited since; it is left alone: "
                    + "move it away (or submit it yourself with sbatch)");
        }
        AtomicFile.write(file, (body + TAG + digest(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** @return whether the file is a script the harness wrote, unedited since */
    public static boolean isOurs(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
        int last = text.lastIndexOf(TAG);
        if (last < 0 || (last > 0 && text.charAt(last - 1) != '\n') || !text.endsWith("\n")) {
            return false;
        }
        String body = text.substring(0, last);
        return text.substring(last + TAG.length(), text.length() - 1).equals(digest(body));
    }

    private static String digest(String body) {
        return Fingerprint.sha256(body.getBytes(StandardCharsets.UTF_8));
    }
}
