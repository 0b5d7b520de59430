package dev.credence.experiments.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tribuo's and OLCUT's {@code java.util.logging} INFO lines ("Read 50000 records") are kept from the user unless
 * {@code --debug} is given. The loggers are held here: {@code java.util.logging} keeps only weak references, and a
 * level set on a collected logger is lost.
 */
final class Logging {
    private static final List<Logger> LIBRARIES = List.of(Logger.getLogger("org.tribuo"),
            Logger.getLogger("com.oracle.labs.mlrg.olcut"));

    private Logging() {
    }

    /** @param debug let the libraries' INFO lines through */
    static void configure(boolean debug) {
        for (Logger l : LIBRARIES) {
            l.setLevel(debug ? Level.INFO : Level.WARNING);
        }
    }

    /** @return the level the libraries' loggers have now */
    static Level level() {
        return LIBRARIES.get(0).getLevel();
    }
}
