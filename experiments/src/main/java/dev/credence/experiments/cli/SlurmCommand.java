package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.cli.args.Values;
import dev.credence.experiments.cluster.Sbatch;
import dev.credence.experiments.cluster.ScriptFile;
import dev.credence.experiments.cluster.SlurmJob;
import dev.credence.experiments.results.FolderLock;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.run.Shards;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code slurm SUITE [--partition P] [--time T] [--cpus-per-task C] [--mem M] [--shards n] [--out DIR] [--submit]
 * [--report]}: plans the suite (so a mistake stops here, not in n tasks), makes its results folder ready, and writes
 * the sbatch script of a job array of n tasks ({@link SlurmJob}) to {@code DIR/.credence-slurm/array.sbatch}, with
 * {@code --report} also the report job's {@code report.sbatch}; the jobs' output files go to the same folder. A script
 * there that the harness did not write, or that was edited, is never overwritten ({@link ScriptFile}). {@code --submit}
 * submits the array with sbatch and prints its job id on stdout, then, with {@code --report}, the report job's id,
 * submitted with {@code --dependency=afterok} on the array. Without it, stdout has the script's path.
 */
@CommandLine.Command(name = "slurm", description = {"The suite as a Slurm job array of n shards (sbatch scripts; --submit submits them).",
        "Plans the suite first, so a mistake stops here, not in n tasks. Scripts and the jobs' output go to"
                + " DIR/.credence-slurm/; stdout has the array script's path, or with --submit the job ids."},
        footer = {"%nExample:%n  credence slurm quick --shards 8 --time 2:00:00 --report --submit"})
final class SlurmCommand implements Command {
    /** Shards when {@code --shards} is not given (fewer when the suite has fewer units). */
    static final int DEFAULT_SHARDS = 4;

    @CommandLine.Parameters(paramLabel = "SUITE", description = "a suite file, or the name of one in experiments/suites/")
    String suiteArg;
    @CommandLine.Option(names = "--shards", paramLabel = "n", converter = Values.Positive.class, description = "tasks of the array"
            + " (default: " + DEFAULT_SHARDS + ", or the suite's groups of runs that share fits if fewer)")
    Integer shardsGiven;
    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "the results folder (default: results/<suite name>)")
    String outArg;
    @CommandLine.Option(names = "--partition", paramLabel = "P", description = "#SBATCH --partition (default: the cluster's)")
    String partition;
    @CommandLine.Option(names = "--time", paramLabel = "T", description = "#SBATCH --time per task (default: the partition's)")
    String time;
    @CommandLine.Option(names = "--cpus-per-task", paramLabel = "C", converter = Values.Positive.class,
            description = "#SBATCH --cpus-per-task (default: the cluster's)")
    Integer cpus;
    @CommandLine.Option(names = "--mem", paramLabel = "M", description = "#SBATCH --mem per task (default: the cluster's)")
    String mem;
    @CommandLine.Option(names = "--report", description = "also write report.sbatch, a report job to run after the array")
    boolean report;
    @CommandLine.Option(names = "--submit", description = "submit with sbatch and print the job ids (the report's after every task succeeded)")
    boolean submit;

    @Override
    public void run(PrintStream out, PrintStream err) {
        Path launcher = launcher();
        SuitePlan sp = SuitePlan.of(suiteArg, outArg);
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
                Path.of("").toAbsolutePath(), logs, n, partition, time, cpus, mem);
        sp.store().create();
        try (FolderLock lock = FolderLock.acquireShared(sp.folder(), false, err)) {
            sp.store().claim(sp.suite().name(), false);
            sp.writeManifest(err);
            createFolder(logs);
            Path array = logs.resolve("array.sbatch");
            ScriptFile.write(array, job.arrayScript());
            Path report = logs.resolve("report.sbatch");
            if (this.report) {
                ScriptFile.write(report, job.reportScript());
            }
            List<String> shares = new ArrayList<>();
            for (double s : shards.shares(n)) {
                shares.add(String.format(Locale.ROOT, "%.0f%%", 100 * s));
            }
            err.println("slurm: suite " + sp.suite().name() + ", " + sp.runs().size() + " runs in " + shards.units()
                    + " groups that share fits, as an array of " + n + " tasks (expected cost " + String.join(", ", shares) + ") → "
                    + array + (this.report ? " and " + report : ""));
            if (!submit) {
                out.println(array);
                err.println("submit with: sbatch " + array + (this.report
                        ? "; then: sbatch --dependency=afterok:<its job id> " + report : ""));
                return;
            }
            String arrayJob = Sbatch.submit(array, null);
            out.println(arrayJob);
            err.println("submitted job array " + arrayJob + " (" + n + " tasks; output in " + logs + ")");
            if (this.report) {
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
}
