package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.report.ReportBuilder;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report RESULTS_DIR [--out DIR]}: aggregates every run of a results folder over seeds and writes
 * {@code REPORT.md}, tables (Markdown, CSV, LaTeX) and figures (PNG, SVG) into DIR, by default
 * {@code reports/<name of RESULTS_DIR>/}. Reads the run JSON files only (no retraining); the output is
 * byte-for-byte reproducible. The folder is replaced as a whole, and refused if it holds files no report wrote.
 */
@CommandLine.Command(name = "report", description = {"Tables and figures from a results folder, into reports/<its name>/.",
        "Reads the run JSON files only (no retraining); byte-for-byte reproducible. The output folder is replaced as a"
                + " whole, and refused if it holds files no report wrote. Prints the path of REPORT.md."},
        footer = {"%nExample:%n  credence report results/quick --out reports/quick"})
final class ReportCommand implements Command {
    @CommandLine.Parameters(paramLabel = "RESULTS_DIR", description = "the results folder")
    String results;
    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "the report folder (default: reports/<name of RESULTS_DIR>)")
    String outArg;
    @CommandLine.Option(names = "--merge", description = "report the results of several suites in RESULTS_DIR together instead of refusing them")
    boolean merge;
    @CommandLine.Option(names = "--findings", paramLabel = "FILE", description = "the findings in words to put at the"
            + " top of REPORT.md (default: experiments/suites/<suite>.findings.md when it exists); its first line may"
            + " stamp the results it was written for, and REPORT.md says whether they are these")
    String findings;

    @Override
    public void run(PrintStream out, PrintStream err) {
        Path folder = Path.of(results);
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException("report: " + results + " is not a folder");
        }
        ReportBuilder.Result r = ReportBuilder.build(folder, results, outArg == null ? null : Path.of(outArg), outArg,
                merge, findings);
        err.println("report: " + r.runs() + " runs → " + r.folder() + " (" + r.tables() + " tables, " + r.figures()
                + " figures" + (r.skipped().isEmpty() ? "" : "; not drawn: " + String.join(", ", r.skipped())) + ")");
        out.println(r.folder().resolve("REPORT.md"));
    }
}
