package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.FolderStatus;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.SuiteManifest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code status RESULTS_DIR [--suite SUITE]}: where a suite stands in a results folder, per dataset and method: runs
 * done, diverged, failed, claimed (being trained now), stale and missing ({@link FolderStatus}). The runs and
 * fingerprints asked for are those of the folder's {@code .credence-suite} manifest (what the last {@code run} or
 * {@code slurm} planned), or, with {@code --suite}, those the suite file gives now (its data read and hashed), so a
 * result made before an edit counts as stale. A Markdown table on stdout, the totals in one line on stderr. Read-only.
 */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "status RESULTS_DIR [--suite SUITE]      runs done, diverged, failed, claimed, stale, missing per dataset and method";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of("--suite"), Set.of(), 1);
        if (a.positional(0) == null) {
            throw new CredenceInputException("status: give the results folder, e.g. status results/quick");
        }
        Path folder = Path.of(a.positional(0));
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException("status: " + folder + " is not a folder");
        }
        Map<String, String> expected;
        String against;
        if (a.option("--suite") != null) {
            SuitePlan plan = SuitePlan.of(a.option("--suite"), folder.toString());
            expected = plan.fingerprints();
            against = "suite " + plan.suite().name() + " as " + plan.file() + " gives it now";
        } else {
            SuiteManifest manifest = SuiteManifest.read(folder).orElseThrow(() -> new CredenceInputException("status: " + folder
                    + " has no " + SuiteManifest.NAME + " manifest (no run has written to it); give --suite SUITE"));
            expected = manifest.runs();
            against = "suite " + manifest.suite() + " as its last run planned it";
        }
        FolderStatus status = FolderStatus.of(new ResultStore(folder), expected, new RunClaims(folder));
        out.print(status.markdown());
        err.println("status of " + folder + " (" + against + "): " + status.line());
    }
}
