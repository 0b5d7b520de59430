package dev.credence.experiments.report;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns an I/O error of the report writer into one line naming the file, the action and the cause. */
final class IoFailure {
    private IoFailure() {
    }

    /**
     * @param file   the file as the user knows it (the report folder, never the hidden build folder)
     * @param action what failed, e.g. "write"
     * @param e      the error
     * @return "{@code <file>: cannot <action>: <cause>}", e.g. "reports/quick/figures/x.svg: cannot write: No space
     *     left on device"
     */
    static CredenceInputException of(Path file, String action, IOException e) {
        return new CredenceInputException(file + ": cannot " + action + ": " + cause(e), e);
    }

    /** @return the cause without the file name (the JDK puts the path, here a hidden one, into most messages) */
    static String cause(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
