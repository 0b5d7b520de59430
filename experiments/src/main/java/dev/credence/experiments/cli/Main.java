package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credence's command line. Sub-commands: run, report, score, methods, datasets, compare, bench. With no arguments it runs the
 * {@code quick} suite. A user's mistake prints one line on stderr and exits with status 2; an unexpected
 * failure exits with status 1. {@code --debug} anywhere prints stack traces.
 */
public final class Main {
    private Main() {
    }

    /** @param args command line */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
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
        Map<String, Command> commands = new LinkedHashMap<>();
        for (Command c : List.of(new RunCommand(), new ReportCommand(), new ScoreCli(), new MethodsCommand(), new DatasetsCommand(),
                new CompareCommand(), new BenchCommand())) {
            commands.put(c.name(), c);
        }
        try {
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
            command.run(rest, out, err);
            return 0;
        } catch (CompareCommand.ResultsDiffer e) {
            err.println(e.getMessage());
            return 3;
        } catch (RunCommand.RunsFailed e) {
            err.println("error: " + e.getMessage());
            return 4;
        } catch (CredenceInputException e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (RuntimeException | Error e) {
            err.println("internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("usage: mvn -q compile exec:java -Dexec.args=\"<command> <args>\"   (no args: run the quick suite)");
        for (Command c : commands.values()) {
            out.println("  " + c.usage());
        }
        out.println("  --debug                                 print stack traces");
    }
}
