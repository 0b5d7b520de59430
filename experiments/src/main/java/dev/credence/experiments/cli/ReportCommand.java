package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.report.ReportBuilder;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code report RESULTS_DIR [--out DIR]}: aggregates every run of a results folder over seeds and writes
 * {@code REPORT.md}, tables (Markdown, CSV, LaTeX) and figures (PNG, SVG) into DIR, by default
 * {@code reports/<name of RESULTS_DIR>/}. Reads the run JSON files only (no retraining); the output is
 * byte-for-byte reproducible. The folder is replaced as a whole, and refused if it holds files no report wrote.
 */
final class ReportCommand implements Command {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "report RESULTS_DIR [--out DIR] [--merge] tables and figures from a results folder; default reports/<name of RESULTS_DIR>/";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of("--out"), Set.of("--merge"), 1);
        String results = a.positional(0);
        if (results == null) {
            throw new CredenceInputException("report: give the results folder, e.g. report results/quick");
        }
        Path folder = Path.of(results);
        if (!Files.isDirectory(folder)) {
            throw new CredenceInputException("report: " + results + " is not a folder");
        }
        String outArg = a.option("--out");
        ReportBuilder.Result r = ReportBuilder.build(folder, results, outArg == null ? null : Path.of(outArg), outArg,
                a.has("--merge"));
        err.println("report: " + r.runs() + " runs → " + r.folder() + " (" + r.tables() + " tables, " + r.figures()
                + " figures" + (r.skipped().isEmpty() ? "" : "; not drawn: " + String.join(", ", r.skipped())) + ")");
        out.println(r.folder().resolve("REPORT.md"));
    }
}
