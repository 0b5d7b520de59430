package dev.credence.experiments.cli;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.run.Progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * How much a command prints on stderr, from flags that may stand anywhere on the command line: {@code --quiet} (only
 * errors and the final summary) and {@code --progress=bar|lines|none} (also {@code --progress bar}). Without
 * {@code --progress}, progress is a bar when stderr is a terminal, lines otherwise, none with {@code --quiet}. The
 * launcher says whether stderr is a terminal and how wide ({@code -Dcredence.stderr.tty}, {@code -Dcredence.columns});
 * without it (Maven exec) a terminal is assumed when the JVM has a console.
 *
 * @param quiet    leave out notes and progress
 * @param progress the progress style for a suite
 */
record OutputOptions(boolean quiet, Progress.Style progress) {
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    /** @return lines, notes included: what a caller that gives no flags gets */
    static OutputOptions defaults() {
        return new OutputOptions(false, Progress.Style.LINES);
    }

    /**
     * @param args the command line; the flags are removed from it
     * @return the options
     */
    static OutputOptions take(List<String> args) {
        boolean quiet = args.remove("--quiet");
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--progress")) {
                if (i + 1 >= args.size()) {
                    throw new CredenceInputException("--progress needs a value: bar, lines or none");
                }
                value = args.remove(i + 1);
                args.remove(i--);
            } else if (a.startsWith("--progress=")) {
                value = a.substring("--progress=".length());
                args.remove(i--);
            }
        }
        Progress.Mode mode = value != null ? Progress.Mode.parse(value)
                : quiet ? Progress.Mode.NONE : terminal() ? Progress.Mode.BAR : Progress.Mode.LINES;
        return new OutputOptions(quiet, new Progress.Style(mode, quiet, columns()));
    }

    /** @return {@code err}, or a stream that discards everything when quiet: for notes */
    PrintStream info(PrintStream err) {
        return quiet ? DISCARD : err;
    }

    private static boolean terminal() {
        String tty = System.getProperty("credence.stderr.tty");
        return tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
    }

    private static int columns() {
        for (String s : new String[] {System.getProperty("credence.columns"), System.getenv("COLUMNS")}) {
            if (s != null && s.matches("[0-9]{1,4}") && Integer.parseInt(s) > 0) {
                return Integer.parseInt(s);
            }
        }
        return 80;
    }
}
