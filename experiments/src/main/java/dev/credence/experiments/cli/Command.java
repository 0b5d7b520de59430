package dev.credence.experiments.cli;

import dev.credence.experiments.cli.args.Args;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the command line: a picocli {@code @Command} whose annotated fields hold its arguments once
 * parsed ({@link Args}); its name, one-line summary (the first line of its description), options, defaults and
 * example make its {@code --help}.
 */
interface Command {
    /**
     * Runs on the parsed arguments.
     *
     * @param out   results (stdout)
     * @param notes progress and diagnostics (stderr, or nothing with {@code --quiet})
     */
    void run(PrintStream out, PrintStream notes);

    /**
     * As {@link #run(PrintStream, PrintStream)} with the output flags: by default, with {@code --quiet}, the
     * command's notes on stderr are dropped (errors reach the user as exceptions, which {@link Main} prints).
     *
     * @param out    results (stdout)
     * @param err    stderr
     * @param output {@code --quiet} and {@code --progress}
     */
    default void run(PrintStream out, PrintStream err, OutputOptions output) {
        run(out, output.info(err));
    }

    /**
     * Parses args into this command and runs it with the default output flags: the command alone, without
     * {@link Main}'s shared flags.
     *
     * @param args the arguments after the command's name
     * @param out  results (stdout)
     * @param err  stderr
     * @throws dev.credence.core.CredenceInputException for a bad argument, in one line
     */
    default void run(List<String> args, PrintStream out, PrintStream err) {
        Args.parse(this, args);
        run(out, err, OutputOptions.defaults());
    }
}
