package dev.credence.experiments.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of the command line. */
interface Command {
    /** @return the sub-command's name */
    String name();

    /** @return one usage line */
    String usage();

    /**
     * @param args arguments after the sub-command's name
     * @param out  results (stdout)
     * @param err  progress and diagnostics (stderr)
     */
    void run(List<String> args, PrintStream out, PrintStream err);

    /**
     * As {@link #run(List, PrintStream, PrintStream)} with the output flags: by default, with {@code --quiet}, the
     * command's notes on stderr are dropped (errors reach the user as exceptions, which {@link Main} prints).
     *
     * @param args   arguments after the sub-command's name
     * @param out    results (stdout)
     * @param err    progress and diagnostics (stderr)
     * @param output {@code --quiet} and {@code --progress}
     */
    default void run(List<String> args, PrintStream out, PrintStream err, OutputOptions output) {
        run(args, out, output.info(err));
    }
}
