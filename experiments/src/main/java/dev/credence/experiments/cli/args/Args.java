package dev.credence.experiments.cli.args;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Names;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A command's arguments, parsed by picocli into the fields of its annotated object. Help shows each option's default
 * (the field's initial value or its {@code defaultValue}, declared once), options in declaration order, no colours.
 * A mistake is a {@link CredenceInputException} of one line that names the command and the option or argument, and
 * points to the command's {@code --help}; picocli's own usage dump on errors is never printed.
 */
public final class Args {
    private Args() {
    }

    /**
     * @param command an object annotated with picocli's {@code @Command}, {@code @Option} and {@code @Parameters}
     * @return its command line, with Credence's help layout, for it and the subcommands it has now
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        layout(cl);
        return cl;
    }

    /**
     * Defaults shown, options in declaration order, an argument starting with {@code @} taken as it is (not as a
     * file of arguments), and errors collected so that {@link #parse} reports the most telling one: on cl and every
     * subcommand it has now.
     */
    public static void layout(CommandLine cl) {
        cl.setExpandAtFiles(false).getCommandSpec().usageMessage().showDefaultValues(true).sortOptions(false);
        cl.getCommandSpec().parser().collectErrors(true);
        cl.getSubcommands().values().forEach(Args::layout);
    }

    /**
     * @param command an annotated object (see {@link #commandLine}); its fields receive the values
     * @param args    the arguments
     * @param <T>     its type
     * @return command
     * @throws CredenceInputException for a bad argument, in one line ({@link #message})
     */
    public static <T> T parse(T command, List<String> args) {
        parse(commandLine(command), args);
        return command;
    }

    /**
     * @param cl   a command line
     * @param args the arguments
     * @return what was parsed
     * @throws CredenceInputException for a bad argument, in one line ({@link #message})
     */
    public static CommandLine.ParseResult parse(CommandLine cl, List<String> args) {
        CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new)); // errors collected, not thrown
        List<CommandLine.ParameterException> errors = new ArrayList<>();
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) { // an unknown option first, before a missing argument; even with --help
                errors.add(0, new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched()));
            }
            for (Exception e : p.errors()) {
                errors.add(e instanceof CommandLine.ParameterException pe ? pe
                        : new CommandLine.ParameterException(p.commandSpec().commandLine(), e.getMessage(), e, null, null));
            }
        }
        if (!errors.isEmpty()) {
            throw new CredenceInputException(message(errors.get(0)), errors.get(0));
        }
        return parsed;
    }

    /**
     * @param e what picocli found wrong
     * @return one line: {@code COMMAND: what is wrong, naming the option or argument; see 'credence COMMAND --help'};
     * an unknown command is {@code unknown command 'x'; did you mean …? known: …}
     */
    static String message(CommandLine.ParameterException e) {
        CommandLine cl = e.getCommandLine();
        boolean top = !cl.getSubcommands().isEmpty();
        String what;
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-") && arg.length() > 1) {
                TreeSet<String> known = new TreeSet<>();
                cl.getCommandSpec().options().forEach(o -> known.add(o.longestName()));
                what = Names.unknown("option", arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, known);
            } else if (top) {
                return Names.unknown("command", arg, cl.getSubcommands().keySet());
            } else {
                what = "unexpected argument '" + arg + "'";
            }
        } else if (e instanceof CommandLine.MissingParameterException m) {
            ArgSpec a = m.getMissing().get(0);
            what = a instanceof OptionSpec o ? o.longestName() + " needs a value (" + o.paramLabel() + ")" : "missing " + a.paramLabel();
        } else if (e instanceof CommandLine.OverwrittenOptionException o) {
            what = name(o.getOverwritten()) + " is given more than once";
        } else if (e.getCause() instanceof CredenceInputException c) {
            what = c.getMessage(); // a value parsed by the domain's own parser, whose message names the option
        } else if (e.getCause() instanceof CommandLine.TypeConversionException t && e.getArgSpec() != null) {
            what = name(e.getArgSpec()) + " '" + e.getValue() + "': " + t.getMessage();
        } else {
            what = e.getMessage();
        }
        String help = "credence" + (top ? "" : " " + cl.getCommandName()) + " --help";
        return (top ? "" : cl.getCommandName() + ": ") + what.lines().findFirst().orElse("") + "; see '" + help + "'";
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }
}
