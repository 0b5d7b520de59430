package dev.credence.experiments.score;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ConfidenceBinning;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code score}.
 *
 * @param file      the predictions CSV
 * @param bins      B for ECE, MCE, ACE and the classwise and per-class ECE (1..{@link ConfidenceBinning#MAX_BINS})
 * @param format    probabilities or logits, tolerance and renormalisation
 * @param bootstrap bootstrap replicates (0 = none)
 * @param seed      the bootstrap's seed
 * @param perClass  per-class classwise ECE, and per-class intervals with a bootstrap
 */
public record ScoreOptions(Path file, int bins, PredictionsCsvReader.Format format, int bootstrap, long seed,
                           boolean perClass) {
    /** One-line usage. */
    public static final String USAGE = "usage: score FILE.csv|RUN.predictions.gz [--bins N] [--logits | --tolerance E] [--renormalize]"
            + " [--bootstrap B] [--seed S] [--per-class]";
    /** The most bootstrap replicates. */
    public static final int MAX_BOOTSTRAP = 100_000;

    /**
     * @param args {@code FILE.csv} and the options, each {@code --name value} or {@code --name=value}
     * @return the options
     * @throws CredenceInputException for a bad or repeated option, naming it
     */
    public static ScoreOptions parse(List<String> args) {
        String file = null;
        Integer bins = null;
        Double tolerance = null;
        Integer bootstrap = null;
        Long seed = null;
        boolean logits = false;
        boolean renormalize = false;
        boolean perClass = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                if (a.startsWith("-") && a.length() > 1) {
                    throw new CredenceInputException("unknown option '" + a + "'; " + USAGE);
                }
                if (file != null) {
                    throw new CredenceInputException("unexpected argument '" + a + "' (file already given: '" + file
                            + "'); " + USAGE);
                }
                file = a;
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            boolean flag = name.equals("--logits") || name.equals("--renormalize") || name.equals("--per-class");
            boolean valued = name.equals("--bins") || name.equals("--tolerance") || name.equals("--bootstrap")
                    || name.equals("--seed");
            if (!flag && !valued) {
                throw new CredenceInputException("unknown option '" + name + "'; " + USAGE);
            }
            if (!seen.add(name)) {
                throw new CredenceInputException("option " + name + " given more than once; " + USAGE);
            }
            if (flag) {
                if (eq >= 0) {
                    throw new CredenceInputException("option " + name + " takes no value; " + USAGE);
                }
                logits |= name.equals("--logits");
                renormalize |= name.equals("--renormalize");
                perClass |= name.equals("--per-class");
                continue;
            }
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.size()) {
                    throw new CredenceInputException("option " + name + " needs a value; " + USAGE);
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--bins" -> bins = (int) integer(name, value, 1, ConfidenceBinning.MAX_BINS);
                case "--bootstrap" -> bootstrap = (int) integer(name, value, 0, MAX_BOOTSTRAP);
                case "--seed" -> seed = integer(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                default -> tolerance = real(name, value);
            }
        }
        if (file == null) {
            throw new CredenceInputException("missing predictions file; " + USAGE);
        }
        if (logits && (tolerance != null || renormalize)) {
            throw new CredenceInputException("--tolerance and --renormalize apply to probabilities, not to --logits; "
                    + USAGE);
        }
        if (seed != null && (bootstrap == null || bootstrap == 0)) {
            throw new CredenceInputException("--seed seeds the bootstrap; give --bootstrap B too; " + USAGE);
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new CredenceInputException("invalid predictions file name '" + file + "': " + e.getReason(), e);
        }
        return new ScoreOptions(path, bins == null ? ConfidenceBinning.DEFAULT_BINS : bins,
                new PredictionsCsvReader.Format(logits, tolerance == null ? PredictionsCsvReader.SUM_TOLERANCE : tolerance,
                        renormalize),
                bootstrap == null ? 0 : bootstrap, seed == null ? 0 : seed, perClass);
    }

    private static long integer(String name, String value, long min, long max) {
        try {
            long v = Long.parseLong(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredenceInputException("option " + name + ": '" + value + "' is not an integer in " + min + ".." + max
                + "; " + USAGE);
    }

    private static double real(String name, String value) {
        try {
            double v = Double.parseDouble(value.strip());
            if (v >= 0 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredenceInputException("option " + name + ": '" + value + "' is not a number in [0, 1); " + USAGE);
    }
}
