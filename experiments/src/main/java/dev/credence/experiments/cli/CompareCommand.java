package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.ResultComparison;
import dev.credence.experiments.results.ResultStore;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code compare DIR_A DIR_B}: checks that two results folders hold the same runs with the same numbers. */
@CommandLine.Command(name = "compare", description = {"Do two results folders hold the same runs with the same numbers? Exit status 3 if not.",
        "Timings are ignored; the first 50 differences go to stdout."},
        footer = {"%nExample:%n  credence compare results/a results/b"})
final class CompareCommand implements Command {
    @CommandLine.Parameters(index = "0", paramLabel = "RESULTS_A", description = "a results folder")
    Path a;
    @CommandLine.Parameters(index = "1", paramLabel = "RESULTS_B", description = "the other")
    Path b;

    @Override
    public void run(PrintStream out, PrintStream err) {
        ResultStore left = new ResultStore(a);
        ResultStore right = new ResultStore(b);
        for (ResultStore s : List.of(left, right)) {
            if (s.readAll().isEmpty()) {
                throw new CredenceInputException("compare: " + s.folder() + " holds no run results");
            }
        }
        List<String> differences = ResultComparison.differences(left, right);
        differences.stream().limit(50).forEach(out::println);
        if (!differences.isEmpty()) {
            throw new ResultsDiffer(differences.size() + " differences between " + left.folder() + " and " + right.folder());
        }
        out.println("identical: " + left.readAll().size() + " runs (timings ignored)");
    }

    /** The folders differ: exit status 3. */
    static final class ResultsDiffer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResultsDiffer(String message) {
            super(message);
        }
    }
}
