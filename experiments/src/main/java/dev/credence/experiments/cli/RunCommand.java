package dev.credence.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.report.SummaryTable;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.run.RunExecutor;
import dev.credence.experiments.run.SuiteRunner;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code run SUITE [--out DIR] [--force]}: validates the whole suite first, runs what has no result yet, then
 * prints the summary table and writes it as {@code summary.md} next to the results. SUITE is a path or the name
 * of a file in {@code experiments/suites/}.
 */
final class RunCommand implements Command {
    /** The suite run when no arguments are given. */
    static final String DEFAULT_SUITE = "quick";

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "run SUITE.json [--out DIR] [--force]   run a suite (default: quick); results in results/<suite>/";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(name(), args, Set.of("--out"), Set.of("--force"), 1);
        Path file = suiteFile(a.positional(0) == null ? DEFAULT_SUITE : a.positional(0));
        Suite suite = SuiteLoader.load(file);
        SuiteValidator validator = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard());
        validator.validate(file, suite);
        Path folder = a.option("--out") != null ? Path.of(a.option("--out")) : Path.of("results", suite.name());
        ResultStore store = new ResultStore(folder);
        RunExecutor executor = new RunExecutor(MethodRegistry.discover(), validator);
        executor.preflight(suite);
        store.prepare();
        err.println("suite " + suite.name() + ": " + suite.runs().size() + " runs → " + folder);
        List<ObjectNode> results = new SuiteRunner(executor, err).run(suite, store, a.has("--force"));
        String table = SummaryTable.markdown(results);
        out.print(table);
        try {
            Files.writeString(folder.resolve("summary.md"), "# " + suite.name() + "\n\n" + table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.println("results: " + folder + " (" + results.size() + " runs; table in " + folder.resolve("summary.md") + ")");
    }

    /**
     * @param given a path or a suite name
     * @return the path: as given if it exists, else {@code experiments/suites/<given>[.json]}
     */
    static Path suiteFile(String given) {
        Path p = Path.of(given);
        if (Files.exists(p)) {
            return p;
        }
        Path named = Path.of("experiments", "suites", given.endsWith(".json") ? given : given + ".json");
        return Files.exists(named) ? named : p;
    }
}
