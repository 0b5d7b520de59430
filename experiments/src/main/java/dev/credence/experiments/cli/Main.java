package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.cli.args.Args;
import dev.credence.experiments.run.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Credence's command line. Sub-commands: run, report, score, methods, datasets, compare, bench, status, slurm. With no
 * command it runs the {@code quick} suite. {@code --help} after any command (or {@code help COMMAND}) prints its
 * options, defaults and an example on stdout; {@code --help} alone (or {@code help}) lists the commands. A user's
 * mistake prints one line on stderr and exits with status 2; an unexpected failure exits with status 1. Anywhere on
 * the line: {@code --debug} prints stack traces and lets the libraries' INFO logging through, {@code --quiet} and
 * {@code --progress=bar|lines|none} say how much goes to stderr ({@link OutputOptions}).
 */
public final class Main {
    private Main() {
    }

    /** The command line's own options, which every command takes too. */
    @CommandLine.Command(name = "credence", synopsisSubcommandLabel = "[COMMAND]",
            description = {"Which uncertainty method gives a neural network the best-calibrated beliefs on imbalanced data.",
                    "Run as bin/credence, or mvn -q compile exec:java -Dexec.args=\"COMMAND ARGS\". No command: run the "
                            + RunCommand.DEFAULT_SUITE + " suite. 'credence COMMAND --help' (or 'credence help COMMAND')"
                            + " shows a command's options, defaults and an example.",
                    "Exit status: 0 done, 2 a mistake in the input (one line on stderr), 3 compare found differences,"
                            + " 4 some runs of a suite failed, 1 an internal error."},
            footer = {"%nExample:%n  credence run quick --progress=lines"})
    static final class Credence {
        @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "print this help on stdout")
        boolean help;
        @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "only errors and the final summary on stderr")
        boolean quiet;
        @Option(names = "--progress", paramLabel = "bar|lines|none", scope = ScopeType.INHERIT, converter = OutputOptions.ModeValue.class,
                description = "how a suite's progress shows on stderr (default: bar on a terminal, else lines; none with --quiet)")
        Progress.Mode progress;
        @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces and the libraries' INFO logging")
        boolean debug;
    }

    /** @param args command line */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = execute(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * @param args command line
     * @param out  stdout
     * @param err  stderr
     * @return exit status: 0 ok, 2 user error, 3 compared results differ, 4 some runs of a suite failed, 1 internal error
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Credence flags = new Credence();
        CommandLine cl = new CommandLine(flags);
        for (Command c : List.of(new RunCommand(), new ReportCommand(), new ScoreCli(), new MethodsCommand(), new DatasetsCommand(),
                new CompareCommand(), new BenchCommand(), new StatusCommand(), new SlurmCommand())) {
            cl.addSubcommand(c);
        }
        Args.layout(cl);
        OutputOptions output = OutputOptions.defaults();
        try {
            List<String> line = new ArrayList<>(List.of(args));
            if (!line.isEmpty() && line.get(0).equals("help")) {
                line.remove(0);
                line.add("--help");
            }
            CommandLine.ParseResult parsed = Args.parse(cl, line);
            if (!parsed.hasSubcommand() && !flags.help) {
                line.add("run");
                parsed = Args.parse(cl, line);
            }
            Logging.configure(flags.debug);
            output = OutputOptions.of(flags.quiet, flags.progress);
            CommandLine command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().commandLine() : cl;
            if (flags.help) {
                out.print(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
                return 0;
            }
            ((Command) command.getCommand()).run(out, err, output);
            return 0;
        } catch (CompareCommand.ResultsDiffer e) {
            err.println(e.getMessage());
            return 3;
        } catch (RunCommand.RunsFailed e) {
            err.println("error: " + e.getMessage());
            return 4;
        } catch (CredenceInputException e) {
            err.println(endBar(output) + "error: " + e.getMessage());
            if (flags.debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (RuntimeException | Error e) {
            err.println(endBar(output) + "internal error: " + e + (flags.debug ? "" : " (run with --debug for the stack trace)"));
            if (flags.debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** @return what erases a progress bar left on the line, so that an error starts the line */
    private static String endBar(OutputOptions output) {
        return output.progress().mode() == Progress.Mode.BAR ? "\r\033[K" : "";
    }
}
