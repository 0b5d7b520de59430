package dev.credence.experiments.cli;

import dev.credence.experiments.score.ScoreCommand;

import java.io.PrintStream;
import java.util.List;

/** {@code score FILE.csv [options]} ({@link dev.credence.experiments.score.ScoreOptions}): scores an external predictions file; JSON on stdout. */
final class ScoreCli implements Command {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public String usage() {
        return "score PREDICTIONS.csv [--bins N] [--logits] [--tolerance E] [--renormalize] [--bootstrap B] [--per-class]"
                + "  score label[,sample],p_0..p_{K-1} (or z_k logits) rows, streamed; one JSON object on stdout";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        ScoreCommand.run(args, out);
    }
}
