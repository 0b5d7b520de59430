package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credence's command line. Sub-commands: run, report, score, methods, datasets, compare, bench, status, slurm. With no
 * arguments it runs the {@code quick} suite. A user's mistake prints one line on stderr and exits with status 2; an
 * unexpected failure exits with status 1. Anywhere on the line: {@code --debug} prints stack traces and lets the
 * libraries' INFO logging through, {@code --quiet} and {@code --progress=bar|lines|none} say how much goes to stderr
 * ({@link OutputOptions}).
 */
public final class Main {
    private Main() {
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
        List<String> rest = new ArrayList<>(List.of(args));
        boolean debug = rest.remove("--debug");
        Logging.configure(debug);
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new RunCommand(), new ReportCommand(), new ScoreCli(), new MethodsCommand(), new DatasetsCommand(),
                new CompareCommand(), new BenchCommand(), new StatusCommand(), new SlurmCommand())) {
            commands.put(c.name(), c);
        }
        OutputOptions output = OutputOptions.defaults();
        try {
            output = OutputOptions.take(rest);
            if (rest.isEmpty()) {
                rest.add("run");
            }
            String name = rest.remove(0);
            if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
                usage(out, commands);
                return 0;
            }
            Command command = commands.get(name);
            if (command == null) {
                throw new CredenceInputException(dev.credence.core.spi.Names.unknown("command", name, commands.keySet()));
            }
            command.run(rest, out, err, output);
            return 0;
        } catch (CompareCommand.ResultsDiffer e) {
            err.println(e.getMessage());
            return 3;
        } catch (RunCommand.RunsFailed e) {
            err.println("error: " + e.getMessage());
            return 4;
        } catch (CredenceInputException e) {
            err.println(endBar(output) + "error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (RuntimeException | Error e) {
            err.println(endBar(output) + "internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** @return what erases a progress bar left on the line, so that an error starts the line */
    private static String endBar(OutputOptions output) {
        return output.progress().mode() == dev.credence.experiments.run.Progress.Mode.BAR ? "\r\033[K" : "";
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("usage: bin/credence <command> <args>   (or mvn -q compile exec:java -Dexec.args=\"<command> <args>\"; no args: run the quick suite)");
        for (Command c : commands.values()) {
            out.println("  " + c.usage());
        }
        out.println("  --quiet                                 only errors and the final summary on stderr");
        out.println("  --progress=bar|lines|none               progress of a suite (default: bar on a terminal, else lines)");
        out.println("  --debug                                 print stack traces and the libraries' INFO logging");
    }
}
