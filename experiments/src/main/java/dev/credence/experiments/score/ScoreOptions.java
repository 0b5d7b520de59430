package dev.credence.experiments.score;

import dev.credence.core.CredenceInputException;
import dev.credence.experiments.cli.args.Args;
import dev.credence.experiments.cli.args.Values;
import dev.credence.experiments.metrics.ConfidenceBinning;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of {@code score}, parsed by picocli ({@link Args}); {@link #check()} then rejects the combinations
 * that make no sense.
 */
@CommandLine.Command(name = "score", description = {
        "Metrics of an external predictions file, or of a run's stored predictions (RUN.predictions.gz, re-scored"
                + " as the run scored them): one JSON object on stdout, nothing else.",
        "Rows are label,p_0..p_{K-1} (or z_0..z_{K-1} logits with --logits), or label,sample,p_0.. with S rows per"
                + " example; streamed in bounded memory. Metrics as PROTOCOL.md defines them, then what was read"
                + " (rows renormalised, probabilities clamped at the NLL floor)."},
        footer = {"%nExample:%n  credence score predictions.csv --bootstrap 1000 --per-class > scores.json"})
public final class ScoreOptions {
    /** The most bootstrap replicates. */
    public static final int MAX_BOOTSTRAP = 100_000;

    @Parameters(paramLabel = "PREDICTIONS.csv", description = "the predictions CSV, with a header; or a run's stored RUN.predictions.gz")
    private String file;
    @Option(names = "--bins", paramLabel = "N", converter = Bins.class,
            description = "B for ECE, MCE, ACE and the classwise and per-class ECE")
    private int bins = ConfidenceBinning.DEFAULT_BINS;
    @Option(names = "--logits", description = "the columns are logits (softmax in double, by log-sum-exp)")
    private boolean logits;
    @Option(names = "--tolerance", paramLabel = "E", converter = Tolerance.class,
            description = "rows within E of summing to 1 are accepted as they are (default: "
                    + PredictionsCsvReader.SUM_TOLERANCE + ")")
    private Double tolerance;
    @Option(names = "--renormalize", description = "divide each accepted row by its sum, and count those rows")
    private boolean renormalize;
    @Option(names = "--bootstrap", paramLabel = "B", converter = Replicates.class,
            description = "B Poisson-bootstrap replicates: a 95%% interval for every metric (0: none)")
    private int bootstrap;
    @Option(names = "--seed", paramLabel = "S", converter = Values.Whole.class, description = "the bootstrap's seed (default: 0)")
    private Long seed;
    @Option(names = "--per-class", description = "each class's classwise ECE, and per-class intervals with --bootstrap")
    private boolean perClass;

    /**
     * @param args {@code FILE.csv} and the options, each {@code --name value} or {@code --name=value}
     * @return the options, {@link #check() checked}
     * @throws CredenceInputException for a bad, missing or repeated option, naming it
     */
    public static ScoreOptions parse(List<String> args) {
        return Args.parse(new ScoreOptions(), args).check();
    }

    /**
     * @return this
     * @throws CredenceInputException for options that contradict each other, or a file name that is no path
     */
    public ScoreOptions check() {
        if (logits && (tolerance != null || renormalize)) {
            throw new CredenceInputException("score: --tolerance and --renormalize apply to probabilities, not to --logits");
        }
        if (seed != null && bootstrap == 0) {
            throw new CredenceInputException("score: --seed seeds the bootstrap; give --bootstrap B too");
        }
        file();
        return this;
    }

    /** @return the predictions CSV */
    public Path file() {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new CredenceInputException("score: invalid predictions file name '" + file + "': " + e.getReason(), e);
        }
    }

    /** @return B for ECE, MCE, ACE and the classwise and per-class ECE (1..{@link ConfidenceBinning#MAX_BINS}) */
    public int bins() {
        return bins;
    }

    /** @return probabilities or logits, tolerance and renormalisation */
    public PredictionsCsvReader.Format format() {
        return new PredictionsCsvReader.Format(logits, tolerance == null ? PredictionsCsvReader.SUM_TOLERANCE : tolerance, renormalize);
    }

    /** @return bootstrap replicates (0 = none) */
    public int bootstrap() {
        return bootstrap;
    }

    /** @return the bootstrap's seed */
    public long seed() {
        return seed == null ? 0 : seed;
    }

    /** @return per-class classwise ECE, and per-class intervals with a bootstrap */
    public boolean perClass() {
        return perClass;
    }

    /** {@code --bins}. */
    static final class Bins extends Values.WholeIn {
        Bins() {
            super(1, ConfidenceBinning.MAX_BINS, "");
        }
    }

    /** {@code --bootstrap}. */
    static final class Replicates extends Values.WholeIn {
        Replicates() {
            super(0, MAX_BOOTSTRAP, "");
        }
    }

    /** {@code --tolerance}: a number in [0, 1). */
    static final class Tolerance implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double v = Double.parseDouble(value.strip());
                if (v >= 0 && v < 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected a number in [0, 1)");
        }
    }
}
