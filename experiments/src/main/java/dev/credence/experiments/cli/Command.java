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
}
