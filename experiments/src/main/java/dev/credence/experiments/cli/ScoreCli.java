package dev.credence.experiments.cli;

import dev.credence.experiments.score.ScoreCommand;
import dev.credence.experiments.score.ScoreOptions;
import picocli.CommandLine;

import java.io.PrintStream;

/**
 * {@code score FILE.csv [options]}: scores an external predictions file, one JSON object on stdout. Its description,
 * options and example are {@link ScoreOptions}'.
 */
@CommandLine.Command(name = "score")
final class ScoreCli implements Command {
    @CommandLine.Mixin
    ScoreOptions options;

    @Override
    public void run(PrintStream out, PrintStream err) {
        ScoreCommand.run(options.check(), out);
    }
}
