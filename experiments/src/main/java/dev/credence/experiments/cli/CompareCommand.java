package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.ResultComparison;
import dev.credence.experiments.results.ResultStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code compare DIR_A DIR_B}: checks that two results folders hold the same runs with the same numbers. */
final class CompareCommand implements Command {
    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String usage() {
        return "compare RESULTS_A RESULTS_B              same runs, same numbers (timings ignored)? exit 3 if not";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of(), Set.of(), 2);
        if (a.positional(1) == null) {
            throw new CredenceInputException("compare: needs two results folders; " + usage());
        }
        ResultStore left = new ResultStore(Path.of(a.positional(0)));
        ResultStore right = new ResultStore(Path.of(a.positional(1)));
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
