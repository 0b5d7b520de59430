package dev.credence.datasets;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks a data file before it is opened, so that a FIFO cannot block the harness, a device such as
 * {@code /dev/zero} cannot fill the heap, and a folder or a dangling link gets a message saying what it is.
 * Symbolic links to regular files are followed. Every problem is a one-line {@link CredenceInputException}
 * naming the path, e.g. {@code /tmp/x.csv: is a FIFO, not a regular file}.
 */
public final class DataFiles {

    /** What a path is, as a message names it. */
    enum Kind {
        MISSING("missing"),
        DANGLING_LINK("a dangling symbolic link"),
        REGULAR_FILE("a regular file"),
        FOLDER("a folder"),
        FIFO("a FIFO"),
        DEVICE("a device"),
        SOCKET("a socket"),
        OTHER("a special file");

        final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }
    }

    /** File-type bits of {@code st_mode} and the values that name FIFOs, devices and sockets. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private DataFiles() {
    }

    /**
     * @param file a path given by the user
     * @throws CredenceInputException unless {@code file} is (a link to) a readable regular file
     */
    public static void requireRegularFile(Path file) {
        Kind kind = kindOf(file);
        switch (kind) {
            case REGULAR_FILE:
                break;
            case MISSING:
                throw new CredenceInputException(file + ": no such file");
            case DANGLING_LINK:
                throw new CredenceInputException(file + ": is " + kind.phrase + " (its target " + linkTarget(file)
                        + " does not exist)");
            default:
                throw new CredenceInputException(file + ": is " + kind.phrase + ", not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new CredenceInputException(file + ": file is not readable (permissions)");
        }
    }

    /**
     * @param dir a path that exists
     * @throws CredenceInputException unless {@code dir} is (a link to) a folder
     */
    public static void requireFolder(Path dir) {
        Kind kind = kindOf(dir);
        if (kind != Kind.FOLDER) {
            throw new CredenceInputException(dir + ": is " + kind.phrase + ", not a folder");
        }
    }

    /**
     * @param file a path given by the user
     * @return the open file, after {@link #requireRegularFile}
     * @throws IOException if opening fails
     */
    public static InputStream openRegularFile(Path file) throws IOException {
        requireRegularFile(file);
        return Files.newInputStream(file);
    }

    /**
     * @param path any path
     * @return whether something, possibly a dangling link, is there
     */
    public static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    static Kind kindOf(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(path) ? Kind.DANGLING_LINK : Kind.MISSING;
        } catch (IOException e) {
            throw new CredenceInputException(path + ": cannot access: " + reason(e));
        }
        if (attributes.isRegularFile()) {
            return Kind.REGULAR_FILE;
        }
        if (attributes.isDirectory()) {
            return Kind.FOLDER;
        }
        return specialKind(path);
    }

    private static Kind specialKind(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return Kind.OTHER; // no POSIX file types on this platform
        }
        switch (mode & S_IFMT) {
            case S_IFIFO:
                return Kind.FIFO;
            case S_IFCHR:
            case S_IFBLK:
                return Kind.DEVICE;
            case S_IFSOCK:
                return Kind.SOCKET;
            default:
                return Kind.OTHER;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
