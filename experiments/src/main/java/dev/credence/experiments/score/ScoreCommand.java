package dev.credence.experiments.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ConfidenceBinning;
import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.results.RunResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code score FILE.csv [--bins N]}: reads a predictions CSV with {@link PredictionsCsvReader}, computes every
 * metric of PROTOCOL.md with {@link MetricSuite} (B = N bins, default {@value ConfidenceBinning#DEFAULT_BINS}, at
 * most {@value ConfidenceBinning#MAX_BINS} as in suites; mutual information is 0 for such a file) and prints exactly
 * one JSON object, pretty-printed, and nothing else: the {@link MetricReport} as a run result records its metrics
 * ({@link RunResult.Metrics#toJson()}).
 */
public final class ScoreCommand {

    /** One-line usage. */
    public static final String USAGE = "usage: score FILE.csv [--bins N]";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScoreCommand() {
    }

    /**
     * @param args {@code FILE.csv [--bins N]} (also {@code --bins=N}); N an integer in 1..{@link ConfidenceBinning#MAX_BINS}
     * @param out where the JSON object goes
     * @throws CredenceInputException for bad arguments or a bad file
     */
    public static void run(List<String> args, PrintStream out) {
        String file = null;
        Integer bins = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals("--bins")) {
                if (i + 1 >= args.size()) {
                    throw new CredenceInputException("option --bins needs a value (an integer >= 1); " + USAGE);
                }
                value = args.get(++i);
            } else if (a.startsWith("--bins=")) {
                value = a.substring("--bins=".length());
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new CredenceInputException("unknown option '" + a + "'; " + USAGE);
            } else if (file == null) {
                file = a;
                continue;
            } else {
                throw new CredenceInputException("unexpected argument '" + a + "' (file already given: '" + file
                        + "'); " + USAGE);
            }
            if (bins != null) {
                throw new CredenceInputException("option --bins given more than once; " + USAGE);
            }
            bins = parseBins(value);
        }
        if (file == null) {
            throw new CredenceInputException("missing predictions file; " + USAGE);
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new CredenceInputException("invalid predictions file name '" + file + "': " + e.getReason(), e);
        }
        MetricReport report = MetricSuite.compute(PredictionsCsvReader.read(path),
                bins == null ? ConfidenceBinning.DEFAULT_BINS : bins);
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(RunResult.Metrics.of(report, null, null).toJson()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static int parseBins(String value) {
        String v = value.strip();
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= ConfidenceBinning.MAX_BINS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredenceInputException("option --bins: '" + value + "' is not an integer in 1.." + ConfidenceBinning.MAX_BINS + "; " + USAGE);
    }
}
