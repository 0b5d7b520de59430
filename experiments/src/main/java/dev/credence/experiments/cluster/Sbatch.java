package dev.credence.experiments.cluster;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Submits a script with Slurm's {@code sbatch --parsable} and returns the job id it prints. */
public final class Sbatch {
    private static final long TIMEOUT_SECONDS = 120;

    private Sbatch() {
    }

    /**
     * @param script        the script
     * @param afterOkJob    a job that must succeed first ({@code --dependency=afterok:ID}), or null
     * @return the job id
     * @throws CredenceInputException when sbatch cannot be run or refuses the script: one line with its message
     */
    public static String submit(Path script, String afterOkJob) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (afterOkJob != null) {
            command.add("--dependency=afterok:" + afterOkJob);
        }
        command.add(script.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CredenceInputException("slurm --submit: cannot run sbatch (" + e.getMessage() + "); on a machine with Slurm's "
                    + "commands, submit " + script + " with sbatch");
        }
        String out;
        String err;
        try {
            p.getOutputStream().close();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CredenceInputException("slurm --submit: sbatch did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (IOException e) {
            throw new CredenceInputException("slurm --submit: reading sbatch's answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredenceInputException("slurm --submit: interrupted while sbatch ran");
        }
        if (p.exitValue() != 0) {
            throw new CredenceInputException("slurm --submit: sbatch " + script + " failed (exit " + p.exitValue() + "): "
                    + (err.isEmpty() ? out : err).lines().findFirst().orElse("no message"));
        }
        return jobId(out);
    }

    /**
     * @param parsable what {@code sbatch --parsable} printed: {@code ID} or {@code ID;CLUSTER}
     * @return the id
     */
    static String jobId(String parsable) {
        String id = parsable.lines().reduce((a, b) -> b).orElse("").split(";", 2)[0].strip();
        if (!id.matches("[0-9]{1,18}")) {
            throw new CredenceInputException("slurm --submit: sbatch answered '" + parsable + "', not a job id");
        }
        return id;
    }
}
