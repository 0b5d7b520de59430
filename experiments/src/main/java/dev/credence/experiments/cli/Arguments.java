package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed sub-command arguments: positionals and {@code --flag [value]} options, strictly checked. */
final class Arguments {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    /**
     * @param command      sub-command name, for messages
     * @param args         raw arguments
     * @param valued       options that take a value
     * @param switches     options without a value
     * @param maxPositional maximum positional arguments
     */
    Arguments(String command, List<String> args, Set<String> valued, Set<String> switches, int maxPositional) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (switches.contains(a)) {
                    options.put(a, "true");
                } else if (valued.contains(a)) {
                    if (i + 1 >= args.size()) {
                        throw new CredenceInputException(command + ": option " + a + " needs a value");
                    }
                    options.put(a, args.get(++i));
                } else {
                    List<String> known = new ArrayList<>(valued);
                    known.addAll(switches);
                    throw new CredenceInputException(command + ": unknown option " + a + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)));
                }
            } else {
                positionals.add(a);
            }
        }
        if (positionals.size() > maxPositional) {
            throw new CredenceInputException(command + ": unexpected argument '" + positionals.get(maxPositional) + "'");
        }
    }

    /** @return positional argument i, or null */
    String positional(int i) {
        return i < positionals.size() ? positionals.get(i) : null;
    }

    /** @return an option's value, or null */
    String option(String name) {
        return options.get(name);
    }

    /** @return whether a switch was given */
    boolean has(String name) {
        return options.containsKey(name);
    }
}
