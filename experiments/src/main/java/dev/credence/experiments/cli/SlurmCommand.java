package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.cluster.Sbatch;
import dev.credence.experiments.cluster.ScriptFile;
import dev.credence.experiments.cluster.SlurmJob;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.run.Shards;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code slurm SUITE [--partition P] [--time T] [--cpus-per-task C] [--mem M] [--shards n] [--out DIR] [--submit]
 * [--report]}: plans the suite (so a mistake stops here, not in n tasks), makes its results folder ready, and writes
 * the sbatch script of a job array of n tasks ({@link SlurmJob}) to {@code DIR/.credence-slurm/array.sbatch}, with
 * {@code --report} also the report job's {@code report.sbatch}; the jobs' output files go to the same folder. A script
 * there that the harness did not write, or that was edited, is never overwritten ({@link ScriptFile}). {@code --submit}
 * submits the array with sbatch and prints its job id on stdout, then, with {@code --report}, the report job's id,
 * submitted with {@code --dependency=afterok} on the array. Without it, stdout has the script's path.
 */
final class SlurmCommand implements Command {
    /** Shards when {@code --shards} is not given (fewer when the suite has fewer units). */
    static final int DEFAULT_SHARDS = 4;

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public String usage() {
        return "slurm SUITE [--partition P] [--time T] [--cpus-per-task C] [--mem M] [--shards n] [--out DIR] [--submit] [--report]"
                + "   the suite as a Slurm job array of n shards";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of("--partition", "--time", "--cpus-per-task", "--mem", "--shards", "--out"),
                Set.of("--submit", "--report"), 1);
        if (a.positional(0) == null) {
            throw new CredenceInputException("slurm: give the suite, e.g. slurm quick --shards 4");
        }
        Integer shardsGiven = a.option("--shards") == null ? null : positive("--shards", a.option("--shards"));
        Integer cpus = a.option("--cpus-per-task") == null ? null : positive("--cpus-per-task", a.option("--cpus-per-task"));
        Path launcher = launcher();
        SuitePlan sp = SuitePlan.of(a.positional(0), a.option("--out"));
        Shards shards = sp.shards();
        int n = shardsGiven != null ? shardsGiven : Math.min(DEFAULT_SHARDS, shards.units());
        if (n > shards.units()) {
            throw new CredenceInputException("slurm: --shards " + n + ": suite " + sp.suite().name() + " has " + shards.units()
                    + " groups of runs that must run together (a base and the rows built on it, per dataset and seed); give at most "
                    + shards.units());
        }
        Path results = sp.folder().toAbsolutePath().normalize();
        Path logs = results.resolve(ResultStore.CLUSTER_FOLDER);
        SlurmJob job = new SlurmJob(sp.suite().name(), launcher, sp.file().toAbsolutePath().normalize(), results,
                Path.of("").toAbsolutePath(), logs, n, a.option("--partition"), a.option("--time"), cpus, a.option("--mem"));
        sp.store().create();
        try (FolderLock lock = FolderLock.acquireShared(sp.folder(), false, err)) {
            sp.store().claim(sp.suite().name(), false);
            sp.writeManifest(err);
            createFolder(logs);
            Path array = logs.resolve("array.sbatch");
            ScriptFile.write(array, job.arrayScript());
            Path report = logs.resolve("report.sbatch");
            if (a.has("--report")) {
                ScriptFile.write(report, job.reportScript());
            }
            List<String> shares = new ArrayList<>();
            for (double s : shards.shares(n)) {
                shares.add(String.format(Locale.ROOT, "%.0f%%", 100 * s));
            }
            err.println("slurm: suite " + sp.suite().name() + ", " + sp.runs().size() + " runs in " + shards.units()
                    + " groups that share fits, as an array of " + n + " tasks (expected cost " + String.join(", ", shares) + ") → "
                    + array + (a.has("--report") ? " and " + report : ""));
            if (!a.has("--submit")) {
                out.println(array);
                err.println("submit with: sbatch " + array + (a.has("--report")
                        ? "; then: sbatch --dependency=afterok:<its job id> " + report : ""));
                return;
            }
            String arrayJob = Sbatch.submit(array, null);
            out.println(arrayJob);
            err.println("submitted job array " + arrayJob + " (" + n + " tasks; output in " + logs + ")");
            if (a.has("--report")) {
                String reportJob = Sbatch.submit(report, arrayJob);
                out.println(reportJob);
                err.println("submitted report job " + reportJob + ", to run once every task of " + arrayJob + " succeeded");
            }
        }
    }

    /** @return bin/credence: the launcher that runs this JVM, else the one in the working directory */
    private static Path launcher() {
        String home = System.getProperty("credence.home");
        Path launcher = (home != null ? Path.of(home) : Path.of("")).resolve("bin").resolve("credence").toAbsolutePath().normalize();
        if (!Files.isExecutable(launcher)) {
            throw new CredenceInputException("slurm: " + launcher + " not found: the job scripts call the launcher on every node; "
                    + "run slurm through bin/credence, or from the repository's root after mvn -B package");
        }
        return launcher;
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CredenceInputException(folder + ": cannot create the folder: " + e.getMessage());
        }
    }

    private static int positive(String option, String value) {
        if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) < 1) {
            throw new CredenceInputException("slurm: " + option + " '" + value + "': expected a whole number ≥ 1");
        }
        return Integer.parseInt(value);
    }
}
