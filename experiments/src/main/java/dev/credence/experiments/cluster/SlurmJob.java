package dev.credence.experiments.cluster;

import dev.credence.core.CredenceInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sbatch scripts of a suite on a Slurm cluster: a job array of n tasks, task i running
 * {@code bin/credence run SUITE --shard i/n --out RESULTS} (array indices 0 to n − 1, the shard numbering), and the
 * follow-up job that writes the report once every task has succeeded. Each option is checked here, so a script is
 * never written with a value sbatch would refuse or a shell would split.
 *
 * @param suiteName   the suite's name (letters, digits, {@code .}, {@code _}, {@code -})
 * @param launcher    absolute path of {@code bin/credence}, the same on every node
 * @param suiteFile   absolute path of the suite file
 * @param results     absolute path of the results folder, on a file system every node shares
 * @param workDir     absolute working directory of the jobs (the report lands in {@code reports/} under it)
 * @param logs        absolute folder for the jobs' output files
 * @param shards      tasks in the array, ≥ 1
 * @param partition   {@code --partition}, or null
 * @param time        {@code --time} in a Slurm time format, or null
 * @param cpusPerTask {@code --cpus-per-task}, or null
 * @param mem         {@code --mem} (a size, megabytes unless K, M, G or T follows), or null; the JVM's heap is set
 *                    to 85% of it
 */
public record SlurmJob(String suiteName, Path launcher, Path suiteFile, Path results, Path workDir, Path logs, int shards,
                       String partition, String time, Integer cpusPerTask, String mem) {
    private static final Pattern TIME = Pattern.compile(
            "[0-9]+|[0-9]+:[0-9]{1,2}|[0-9]+:[0-9]{1,2}:[0-9]{1,2}|[0-9]+-[0-9]+(:[0-9]{1,2}){0,2}|UNLIMITED|INFINITE");
    private static final Pattern MEM = Pattern.compile("([0-9]{1,12})([KMGT]?)");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.,-]{1,200}");
    /** Share of {@code --mem} given to the JVM's heap; the rest is the JVM's own and the launcher's. */
    static final double HEAP_SHARE = 0.85;

    /** Checks every value. */
    public SlurmJob {
        if (shards < 1) {
            throw new CredenceInputException("slurm: --shards must be at least 1, got " + shards);
        }
        if (partition != null && !PARTITION.matcher(partition).matches()) {
            throw new CredenceInputException("slurm: --partition '" + partition + "': expected a partition name (letters, digits, _ . , -)");
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new CredenceInputException("slurm: --time '" + time + "': expected minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS");
        }
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new CredenceInputException("slurm: --cpus-per-task must be at least 1, got " + cpusPerTask);
        }
        if (mem != null && (!MEM.matcher(mem).matches() || heapMiB(mem) < 64)) {
            throw new CredenceInputException("slurm: --mem '" + mem + "': expected a size such as 4000, 8G or 512M (megabytes unless K, M, G or T follows), enough for a 64 MiB heap");
        }
        for (Path p : List.of(launcher, suiteFile, results, workDir, logs)) {
            String s = p.toString();
            if (!p.isAbsolute() || !s.matches("[^\\s'\"%\\\\$`]+")) {
                throw new CredenceInputException("slurm: " + s + ": the scripts need absolute paths without spaces, quotes, "
                        + "%, $, ` or backslashes (sbatch reads them from #SBATCH lines); move it or give --out another folder");
            }
        }
    }

    /** @return the JVM heap in MiB for a {@code --mem} value */
    static long heapMiB(String mem) {
        Matcher m = MEM.matcher(mem);
        if (!m.matches()) {
            throw new IllegalArgumentException(mem);
        }
        double mib = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "K" -> 1.0 / 1024;
            case "G" -> 1024;
            case "T" -> 1024 * 1024;
            default -> 1;
        };
        return (long) Math.floor(mib * HEAP_SHARE);
    }

    /** @return the job array's script (without the {@link ScriptFile} tag line) */
    public String arrayScript() {
        StringBuilder sb = header("credence-" + suiteName, "array-%A_%a.out");
        sb.insert(sb.indexOf("\n") + 1, "#SBATCH --array=0-" + (shards - 1) + "\n");
        sb.append("# Written by `credence slurm`: task i of this array runs shard i/").append(shards).append(" of suite ")
                .append(suiteName).append(" into the results folder;\n")
                .append("# the shards share it through per-run claims. Submitting the array again redoes only the runs\n")
                .append("# that have no current result (check with: ").append(launcher).append(" status ").append(results).append(").\n")
                .append("set -eu\n");
        heap(sb);
        sb.append("exec ").append(launcher).append(" run ").append(suiteFile).append(" --shard \"$SLURM_ARRAY_TASK_ID/")
                .append(shards).append("\" --out ").append(results).append(" --progress=lines\n");
        return sb.toString();
    }

    /** @return the report job's script (without the {@link ScriptFile} tag line): submit it with --dependency=afterok */
    public String reportScript() {
        StringBuilder sb = header("credence-" + suiteName + "-report", "report-%j.out");
        sb.append("# Written by `credence slurm`: the report of suite ").append(suiteName)
                .append(", once every task of its array succeeded (sbatch --dependency=afterok:<array job id>).\n")
                .append("set -eu\n");
        heap(sb);
        sb.append("exec ").append(launcher).append(" report ").append(results).append("\n");
        return sb.toString();
    }

    private StringBuilder header(String name, String output) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=").append(name).append('\n');
        List<String> options = new ArrayList<>();
        if (partition != null) {
            options.add("--partition=" + partition);
        }
        if (time != null) {
            options.add("--time=" + time);
        }
        if (cpusPerTask != null) {
            options.add("--cpus-per-task=" + cpusPerTask);
        }
        if (mem != null) {
            options.add("--mem=" + mem);
        }
        options.add("--chdir=" + workDir);
        options.add("--output=" + logs.resolve(output));
        options.forEach(o -> sb.append("#SBATCH ").append(o).append('\n'));
        return sb;
    }

    private void heap(StringBuilder sb) {
        if (mem != null) {
            sb.append(String.format(Locale.ROOT, "export CREDENCE_JAVA_OPTS=\"-Xmx%dm ${CREDENCE_JAVA_OPTS:-}\"%n", heapMiB(mem)));
        }
    }
}
