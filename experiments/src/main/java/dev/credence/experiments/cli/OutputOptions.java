package dev.credence.experiments.cli;

import dev.credence.experiments.run.Progress;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * How much a command prints on stderr, from flags that may stand anywhere on the command line ({@link Main}):
 * {@code --quiet} (only errors and the final summary) and {@code --progress=bar|lines|none} (also
 * {@code --progress bar}). Without {@code --progress}, progress is a bar when stderr is a terminal, lines otherwise,
 * none with {@code --quiet}. The launcher says whether stderr is a terminal and how wide ({@code -Dcredence.stderr.tty}, {@code -Dcredence.columns});
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
     * @param quiet    {@code --quiet}
     * @param progress {@code --progress}, or null for the default
     * @return the options
     */
    static OutputOptions of(boolean quiet, Progress.Mode progress) {
        Progress.Mode mode = progress != null ? progress
                : quiet ? Progress.Mode.NONE : terminal() ? Progress.Mode.BAR : Progress.Mode.LINES;
        return new OutputOptions(quiet, new Progress.Style(mode, quiet, columns()));
    }

    /** {@code --progress}'s value ({@link Progress.Mode#parse}). */
    static final class ModeValue implements CommandLine.ITypeConverter<Progress.Mode> {
        @Override
        public Progress.Mode convert(String value) {
            return Progress.Mode.parse(value);
        }
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
