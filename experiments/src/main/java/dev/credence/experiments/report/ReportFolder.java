package dev.credence.experiments.report;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report folder that is replaced as a whole, never edited in place.
 *
 * <p>{@link #open} first repairs what a killed build left beside the target (a target renamed away but not yet
 * replaced is renamed back; leftover build and old folders are removed), then refuses a target holding anything
 * its {@link ReportManifest} does not account for, then creates an empty build folder beside the target.
 * {@link #write} puts files into the build folder, each forced to disk. {@link #commit} adds the manifest and
 * swaps the build folder in with two renames (target &rarr; old, build &rarr; target), then removes the old
 * folder. {@link #close} without a commit removes the build folder.
 *
 * <p>So a build that is killed or fails at any point leaves the previous report whole, a report folder always
 * lists its files in its manifest, and only folders and files a build wrote are ever deleted. The siblings are
 * named {@code .<target>.credence-build-<pid>-<8 hex>} and {@code .<target>.credence-old-<pid>-<8 hex>}; nothing
 * of any other name is repaired or removed. Two builds into the same target at the same time are not supported.
 */
final class ReportFolder implements AutoCloseable {
    /** How bytes reach a new file; tests replace it to fail part-way. */
    @FunctionalInterface
    interface Disk {
        /** Creates {@code file} (which must not exist) with these bytes, forced to the storage device. */
        void write(Path file, byte[] bytes) throws IOException;

        /** The real file system. */
        Disk REAL = (file, bytes) -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        };
    }

    private static final String BUILD = "build";
    private static final String OLD = "old";

    private final Path shown;
    private final Path target;
    private final Path build;
    private final Disk disk;
    private final TreeSet<String> written = new TreeSet<>();
    private boolean committed;

    private ReportFolder(Path shown, Path target, Path build, Disk disk) {
        this.shown = shown;
        this.target = target;
        this.build = build;
        this.disk = disk;
    }

    /**
     * @param folder the report folder, as the user named it (messages name files under it)
     * @param disk   how files are written
     * @return an empty build for {@code folder}
     * @throws CredenceInputException if {@code folder} is a file or a link, holds anything an earlier build did
     *     not write, or an I/O error occurs (one line naming the file and the cause)
     */
    static ReportFolder open(Path folder, Disk disk) {
        Path target = folder.toAbsolutePath().normalize();
        if (target.getFileName() == null) {
            throw new CredenceInputException(folder + ": not a folder a report can be written to; choose another --out");
        }
        Path parent = target.getParent();
        restoreAndSweep(folder, target);
        refuseForeign(folder, target);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw IoFailure.of(parent(folder), "create the folder", e);
        }
        Path build = sibling(target, BUILD);
        try {
            Files.createDirectory(build);
        } catch (IOException e) {
            throw IoFailure.of(folder, "create a build folder beside it", e);
        }
        return new ReportFolder(folder, target, build, disk);
    }

    /** @return the report folder as the user named it */
    Path folder() {
        return shown;
    }

    /**
     * Writes a file of the report.
     *
     * @param relative {@code /}-separated path under the report folder, each part a plain file name
     * @param text     its content, written as UTF-8
     * @throws CredenceInputException naming the file and the cause when it cannot be written
     */
    void write(String relative, String text) {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a file of the report.
     *
     * @param relative {@code /}-separated path under the report folder, each part a plain file name
     * @param bytes    its content
     * @throws CredenceInputException naming the file and the cause when it cannot be written
     */
    void write(String relative, byte[] bytes) {
        for (String part : relative.split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".") || part.contains("\\")) {
                throw new IllegalArgumentException("not a plain relative path: '" + relative + "'");
            }
        }
        if (!written.add(relative)) {
            throw new IllegalStateException(relative + " written twice in one report");
        }
        store(relative, bytes);
    }

    private void store(String relative, byte[] bytes) {
        Path file = build.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            disk.write(file, bytes);
        } catch (IOException e) {
            throw IoFailure.of(shown.resolve(relative), "write", e);
        }
    }

    /**
     * Writes the manifest and puts the build in place of the report folder, removing the previous report.
     *
     * @throws CredenceInputException if the folder gained files meanwhile, or a rename fails (the previous
     *     report is then left, or on the next start put back, in place)
     */
    void commit() {
        store(ReportManifest.FILE, ReportManifest.render(written).getBytes(StandardCharsets.UTF_8));
        syncTree(build);
        refuseForeign(shown, target);
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = sibling(target, OLD);
            move(target, old, shown, "move the previous report aside");
        }
        try {
            move(build, target, shown, "put the new report in place");
        } catch (CredenceInputException e) {
            if (old != null) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException again) {
                    e.addSuppressed(again); // the next open() puts it back
                }
            }
            throw e;
        }
        committed = true;
        syncDirectory(target.getParent());
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                // the new report is in place; the next open() sweeps the rest of the old one away
            }
        }
    }

    /** Removes the build folder unless it was committed; a failure to do so is left for the next open(). */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(build);
            } catch (IOException e) {
                // swept by the next open()
            }
        }
    }

    /** @return the folder holding {@code shown}, as the user would name it */
    private static Path parent(Path shown) {
        Path p = shown.getParent();
        return p != null ? p : shown.toAbsolutePath().normalize().getParent();
    }

    private static Path sibling(Path target, String kind) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return target.resolveSibling("." + target.getFileName() + ".credence-" + kind + "-"
                + ProcessHandle.current().pid() + "-" + random);
    }

    private static Pattern siblings(Path target) {
        return Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.credence-(" + BUILD + "|" + OLD + ")-[0-9]+-[0-9a-f]{8}");
    }

    /** Renames an old report back when a build was killed between its two renames; removes other leftovers. */
    private static void restoreAndSweep(Path shown, Path target) {
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        Pattern ours = siblings(target);
        List<Path> olds = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    (m.group(1).equals(OLD) ? olds : leftovers).add(p);
                }
            }
        } catch (IOException e) {
            throw IoFailure.of(parent(shown), "list the folder", e);
        }
        if (!olds.isEmpty() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            olds.sort(Comparator.comparing(ReportFolder::modified).thenComparing(Path::toString));
            move(olds.remove(olds.size() - 1), target, shown, "restore the previous report");
        }
        leftovers.addAll(olds);
        for (Path p : leftovers) {
            try {
                deleteTree(p);
            } catch (IOException e) {
                throw IoFailure.of(shown.resolveSibling(p.getFileName()), "remove what an interrupted report left", e);
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void refuseForeign(Path shown, Path target) {
        if (Files.isSymbolicLink(target)) {
            throw new CredenceInputException(shown + ": is a symbolic link; give the folder it points to as --out");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new CredenceInputException(shown + ": is a file, not a folder; choose another --out");
        }
        List<String> foreign;
        try {
            foreign = ReportManifest.unlisted(target);
        } catch (IOException e) {
            throw IoFailure.of(shown, "read the folder", e);
        }
        if (!foreign.isEmpty()) {
            String names = String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "");
            throw new CredenceInputException(shown + ": holds files no report wrote (" + names
                    + "); choose another --out or remove them");
        }
    }

    private static void move(Path from, Path to, Path shown, String action) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw IoFailure.of(shown, action, e);
        }
    }

    /** Removes a folder and everything in it; links are removed, never followed. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Forces the entries of a folder and its sub-folders to disk, so the renames publish complete folders. */
    private static void syncTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    syncDirectory(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort, as syncDirectory
        }
    }

    /** Forces a folder's entries to disk where the platform allows it (not on Windows); best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the renames stay atomic; only durability across a power cut is weaker
        }
    }
}
