package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.FolderStatus;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.results.RunClaims;
import dev.credence.experiments.results.SuiteManifest;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code status RESULTS_DIR [--suite SUITE]}: where a suite stands in a results folder, per dataset and method: runs
 * done, diverged, failed, claimed (being trained now), without their predictions (a suite with {@code store_predictions}), stale
 * and missing ({@link FolderStatus}). The runs and
 * fingerprints asked for are those of the folder's {@code .credence-suite} manifest (what the last {@code run} or
 * {@code slurm} planned), or, with {@code --suite}, those the suite file gives now (its data read and hashed), so a
 * result made before an edit counts as stale. A Markdown table on stdout, the totals in one line on stderr. Read-only.
 */
@CommandLine.Command(name = "status", description = {
        "Runs done, diverged, failed, claimed, without their predictions (a suite that keeps them), stale and missing in"
                + " a results folder, per dataset and method.",
        "Against the runs the folder's last run or slurm planned, or with --suite those the suite file gives now."
                + " A Markdown table on stdout, the totals on stderr. Read-only."},
        footer = {"%nExample:%n  credence status results/quick --suite quick"})
final class StatusCommand implements Command {
    @CommandLine.Parameters(paramLabel = "RESULTS_DIR", description = "the results folder")
    Path folder;
    @CommandLine.Option(names = "--suite", paramLabel = "SUITE",
            description = "compare with the runs this suite file (or name in experiments/suites/) plans now")
    String suite;

    @Override
    public void run(PrintStream out, PrintStream err) {
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException("status: " + folder + " is not a folder");
        }
        Map<String, String> expected;
        String against;
        boolean predictions;
        if (suite != null) {
            SuitePlan plan = SuitePlan.of(suite, folder.toString());
            expected = plan.fingerprints();
            predictions = plan.suite().storePredictions();
            against = "suite " + plan.suite().name() + " as " + plan.file() + " gives it now";
        } else {
            SuiteManifest manifest = SuiteManifest.read(folder).orElseThrow(() -> new CredenceInputException("status: " + folder
                    + " has no " + SuiteManifest.NAME + " manifest (no run has written to it); give --suite SUITE"));
            expected = manifest.runs();
            predictions = manifest.storesPredictions();
            against = "suite " + manifest.suite() + " as its last run planned it";
        }
        FolderStatus status = FolderStatus.of(new ResultStore(folder), expected, new RunClaims(folder), predictions);
        out.print(status.markdown());
        err.println("status of " + folder + " (" + against + "): " + status.line());
    }
}
