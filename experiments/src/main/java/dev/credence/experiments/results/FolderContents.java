package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a results folder holds, sorted into the harness's own files (results, stored predictions, manifest, summary,
 * locks, claims,
 * temporaries, the {@value ResultStore#CLUSTER_FOLDER} folder of {@code slurm}) and everything else, which is never
 * read as a result, deleted or overwritten. An entry that vanishes while the folder is scanned (another writer's
 * temporary renamed into place) is left out.
 */
final class FolderContents {
    private final Path folder;
    private final Optional<SuiteManifest> manifest;
    private final List<Path> foreign = new ArrayList<>();
    private final List<Path> resultFiles = new ArrayList<>();
    private final List<Path> temporaries = new ArrayList<>();
    private final List<String> suitesOfResults = new ArrayList<>();

    private FolderContents(Path folder) {
        this.folder = folder;
        this.manifest = SuiteManifest.read(folder);
    }

    /**
     * Scans the folder. When its summary.md does not carry the digest its manifest records, another writer may be
     * between writing the two (each is written atomically, one after the other, under the summary lock): the folder
     * is then scanned again under that lock, so a writer sharing the folder is never refused for it.
     */
    static FolderContents scan(Path folder) {
        FolderContents c = scanOnce(folder);
        Path summary = folder.resolve(ResultStore.SUMMARY);
        if (c.manifest.isPresent() && c.foreign.contains(summary) && Files.exists(folder.resolve(FolderLock.SUMMARY_NAME))) {
            try (FolderLock settled = FolderLock.acquire(folder, FolderLock.SUMMARY_NAME, false, true,
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
                c = scanOnce(folder);
            }
        }
        return c;
    }

    private static FolderContents scanOnce(Path folder) {
        FolderContents c = new FolderContents(folder);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            throw new CredenceInputException(folder + ": cannot list the folder: " + AtomicFile.cause(e));
        }
        entries.sort(null);
        for (Path p : entries) {
            c.sort(p);
        }
        return c;
    }

    private void sort(Path p) {
        String name = p.getFileName().toString();
        if (name.equals(SuiteManifest.NAME) || name.equals(FolderLock.NAME) || name.equals(FolderLock.SUMMARY_NAME)
                || RunClaims.isClaim(name)) {
            return;
        }
        if (name.equals(ResultStore.CLUSTER_FOLDER) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return; // gone since the folder was listed
        }
        if (AtomicFile.isTemporary(name)) {
            // another writer's temporary may be renamed into place between the listing and this check: it is ours either way
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                temporaries.add(p);
            }
            return;
        }
        if (name.equals(ResultStore.SUMMARY) && Files.isRegularFile(p)) {
            if (!summaryIsOurs(p)) {
                foreign.add(p);
            }
            return;
        }
        String predictionsOf = dev.credence.experiments.naming.FileNames.runIdOfPredictions(name);
        if (predictionsOf != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && predictionsOf.equals(PredictionsFile.runIdOf(p))) {
            return; // a run's stored predictions
        }
        RunResult r = name.endsWith(".json") && Files.isRegularFile(p) ? ResultStore.parse(p) : null;
        if (r == null) {
            foreign.add(p);
        } else {
            suitesOfResults.add(r.suite());
            resultFiles.add(p);
        }
    }

    /** A summary is ours when its digest is the one the manifest recorded (or, in a folder from before manifests, when it looks like ours). */
    private boolean summaryIsOurs(Path p) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            return false;
        }
        if (manifest.isPresent()) {
            return Fingerprint.sha256(bytes).equals(manifest.get().summarySha256());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("# ") && text.contains("\n| dataset | method | seeds |");
    }

    Optional<SuiteManifest> manifest() {
        return manifest;
    }

    /**
     * Refuses, naming up to three files: results of another suite; a summary.md the harness did not write; and, in a
     * folder that has no manifest yet (so is not yet the harness's), any file it did not write. A folder with a
     * manifest may hold a user's other files: they are never read, deleted or overwritten.
     */
    void refuse(String suite) {
        manifest.ifPresent(m -> {
            if (!m.suite().equals(suite)) {
                throw new CredenceInputException(folder + ": holds the results of suite '" + m.suite() + "', not '" + suite
                        + "'; give --out another folder");
            }
        });
        Path summary = folder.resolve(ResultStore.SUMMARY);
        if (foreign.contains(summary)) {
            throw new CredenceInputException(summary + ": was not written by Credence, or was edited since; it is left "
                    + "alone: move it away, or give --out another folder");
        }
        if (manifest.isEmpty() && !foreign.isEmpty()) {
            throw new CredenceInputException(folder + ": holds files Credence did not write (" + some(foreign)
                    + "); they are left alone: move them away or give --out an empty or new folder");
        }
        List<Path> others = new ArrayList<>();
        for (int i = 0; i < resultFiles.size(); i++) {
            if (!suitesOfResults.get(i).equals(suite)) {
                others.add(resultFiles.get(i));
            }
        }
        if (!others.isEmpty()) {
            throw new CredenceInputException(folder + ": holds results of another suite (" + some(others)
                    + "); give --out another folder");
        }
    }

    void removeTemporaries() {
        for (Path p : temporaries) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new CredenceInputException(p + ": cannot remove a leftover temporary file: " + AtomicFile.cause(e));
            }
        }
    }

    private static String some(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(3, files.size()); i++) {
            names.add(files.get(i).getFileName().toString());
        }
        return String.join(", ", names) + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
    }
}
