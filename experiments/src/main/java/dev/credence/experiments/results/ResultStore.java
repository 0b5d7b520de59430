package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link RunResult} file per run in a folder, {@code <run id>.json}. Writes are atomic ({@link AtomicFile}), so a killed
 * process leaves the complete previous state or the complete new file. The store reads only files it could have
 * written and never deletes or overwrites a file it did not write: {@link #claim} refuses a folder that holds
 * other files or another suite's results before anything is written.
 */
public final class ResultStore {
    /** The summary table's file name. */
    public static final String SUMMARY = "summary.md";
    /** The folder inside a results folder where {@code slurm} writes its job scripts and Slurm its logs. */
    public static final String CLUSTER_FOLDER = ".credence-slurm";

    private final Path folder;

    /** @param folder results folder (created by {@link #claim}) */
    public ResultStore(Path folder) {
        this.folder = folder;
    }

    /** @return the folder */
    public Path folder() {
        return folder;
    }

    /** @return the file of a run id */
    public Path file(String runId) {
        return folder.resolve(runId + ".json");
    }

    /** @return the file of a run's stored predictions ({@link PredictionsFile}) */
    public Path predictionsFile(String runId) {
        return folder.resolve(dev.credence.experiments.naming.FileNames.predictions(runId));
    }

    /**
     * @param runId       a run id
     * @param fingerprint the fingerprint of its current result
     * @return whether the folder holds that run's predictions, written for that fingerprint
     */
    public boolean hasPredictions(String runId, String fingerprint) {
        Path f = predictionsFile(runId);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        String[] head = PredictionsFile.headerOf(f);
        return head != null && head[0].equals(runId) && head[1].equals(fingerprint == null ? "" : fingerprint);
    }

    /**
     * Writes a run's predictions atomically. Call before {@link #write} of its result, so that a result never claims
     * predictions that a killed writer did not finish.
     *
     * @param runId       the run id
     * @param fingerprint its fingerprint
     * @param predictions its predictions on the test part
     */
    public void writePredictions(String runId, String fingerprint,
                                 dev.credence.experiments.metrics.ProbabilisticPredictions predictions) {
        Path f = predictionsFile(runId);
        if (Files.exists(f) && !runId.equals(PredictionsFile.runIdOf(f))) {
            throw new CredenceInputException(f + ": is not a Credence predictions file; it was left alone; move it away");
        }
        PredictionsFile.write(f, runId, fingerprint, predictions);
    }

    /**
     * Makes the folder ready for a suite's results, after {@link #create} and while holding its {@link FolderLock}:
     * checks again that every file in it is the harness's own ({@link #checkOwnership}) and removes temporaries
     * left by a killed writer.
     *
     * @param suite the suite that will write here
     */
    public void claim(String suite) {
        claim(suite, true);
    }

    /**
     * As {@link #claim(String)}; writers that share the folder ({@link FolderLock#acquireShared}) pass
     * {@code removeTemporaries} false, since a temporary may be another live writer's.
     *
     * @param suite             the suite that will write here
     * @param removeTemporaries remove temporaries left by a killed writer
     */
    public void claim(String suite, boolean removeTemporaries) {
        FolderContents contents = FolderContents.scan(folder);
        contents.refuse(suite);
        if (removeTemporaries) {
            contents.removeTemporaries();
        }
    }

    /** Creates the folder if needed and checks that it is writable. */
    public void create() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CredenceInputException(folder + ": cannot create the output folder: " + AtomicFile.cause(e));
        }
        if (!Files.isWritable(folder)) {
            throw new CredenceInputException(folder + ": the output folder is not writable");
        }
    }

    /**
     * Refuses, before anything (even a lock file) is created in the folder: a file in place of the folder, results of
     * another suite, a summary.md the harness did not write, and — in a folder without a {@link SuiteManifest} — any
     * file the harness did not write. Read-only.
     *
     * @param suite the suite that will write here
     */
    public void checkOwnership(String suite) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new CredenceInputException(folder + ": the output folder is a file");
        }
        if (Files.isDirectory(folder)) {
            FolderContents.scan(folder).refuse(suite);
        }
    }

    /**
     * @param runId run id
     * @return the result stored under this id, or null when there is none
     * @throws CredenceInputException when the file exists but is not a result the harness wrote
     */
    public RunResult read(String runId) {
        Path f = file(runId);
        if (!Files.exists(f)) {
            return null;
        }
        RunResult r = parse(f);
        if (r == null) {
            throw new CredenceInputException(f + ": is not a Credence result file; it was left alone; move it away");
        }
        return r;
    }

    /**
     * Writes a run's result atomically, as {@code <run id>.json}.
     *
     * @param result the result
     */
    public void write(RunResult result) {
        result.write(file(result.runId()));
    }

    /** @return every result file in the folder (files of other kinds are not read), sorted by file name */
    public List<RunResult> readAll() {
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException(folder + ": results folder not found");
        }
        List<RunResult> out = new ArrayList<>();
        for (Path f : jsonFiles(folder)) {
            RunResult r = parse(f);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return the {@code *.json} files of a folder except the manifest, sorted by name */
    static List<Path> jsonFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().equals(SuiteManifest.NAME) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new CredenceInputException(folder + ": cannot list the results folder: " + AtomicFile.cause(e));
        }
        files.sort(null);
        return files;
    }

    /**
     * @return the result in a file, or null when the file is not a result the harness wrote (not a result, or one
     *     whose run id is not the file's name)
     */
    static RunResult parse(Path f) {
        try {
            RunResult r = RunResult.read(f);
            return (r.runId() + ".json").equals(f.getFileName().toString()) ? r : null;
        } catch (CredenceInputException e) {
            return null;
        }
    }
}
