package dev.credence.experiments.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.ProperScoringRules;
import dev.credence.experiments.results.PredictionsFile;
import dev.credence.experiments.results.RunResult;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code score FILE [options]} ({@link ScoreOptions}): a run's stored predictions ({@link PredictionsFile}, e.g.
 * {@code results/quick/glass__map__seed0.predictions.gz}) are re-scored as the run scored them; otherwise streams a
 * predictions CSV through
 * {@link PredictionsCsvReader} into a {@link StreamingScorer}, which computes every metric of PROTOCOL.md (the same
 * numbers as {@link dev.credence.experiments.metrics.MetricSuite}), and prints exactly one JSON object and nothing
 * else: the metrics as a run result records them ({@link RunResult.Metrics#toJson()}), then {@code input} (what was read: format, S, rows, tolerance,
 * rows renormalised, the largest deviation of a row's sum from 1, and how many true-class probabilities were
 * clamped at the NLL floor 1e&minus;12) and, with {@code --bootstrap B}, {@code bootstrap}: for every metric the
 * 2.5 and 97.5 percentiles (linear interpolation, as numpy's default) of its B Poisson-bootstrap replicates
 * ({@link BootstrapWeights}) and how many replicates defined it. {@code --per-class} adds each class's classwise
 * ECE_k to {@code per_class}, and per-class intervals to the bootstrap.
 */
public final class ScoreCommand {

    /** The interval's lower and upper quantiles. */
    static final double LOWER = 0.025;
    static final double UPPER = 0.975;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScoreCommand() {
    }

    /**
     * @param args {@code FILE.csv} and options, see {@link ScoreOptions#parse}
     * @param out  where the JSON object goes
     * @throws CredenceInputException for bad arguments or a bad file
     */
    public static void run(List<String> args, PrintStream out) {
        run(ScoreOptions.parse(args), out);
    }

    /**
     * @param options the parsed options, {@link ScoreOptions#check() checked}
     * @param out     where the JSON object goes
     * @throws CredenceInputException for a bad file
     */
    public static void run(ScoreOptions options, PrintStream out) {
        ObjectNode o = score(options, ExternalSort.DEFAULT_CHUNK);
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /**
     * @param options   what to score and how
     * @param sortChunk examples each sort holds in memory before writing a run
     * @return the JSON object
     */
    static ObjectNode score(ScoreOptions options, int sortChunk) {
        if (PredictionsFile.headerOf(options.file()) != null) {
            return scoreStored(options, sortChunk);
        }
        StreamingScorer[] scorer = new StreamingScorer[1];
        try {
            PredictionsCsvReader.Summary summary = PredictionsCsvReader.stream(options.file(), options.format(),
                    (label, p, h) -> {
                        if (scorer[0] == null) {
                            scorer[0] = new StreamingScorer(p.length, options.bins(), options.bootstrap(), options.seed(),
                                    options.perClass(), sortChunk);
                        }
                        scorer[0].add(label, p, h);
                    });
            StreamingScorer.Scores scores = scorer[0].finish();
            ObjectNode o = RunResult.Metrics.of(scores.point(), null, null).toJson();
            if (options.perClass()) {
                ArrayNode pc = (ArrayNode) o.get("per_class");
                for (int c = 0; c < pc.size(); c++) {
                    ((ObjectNode) pc.get(c)).put("classwise_ece", scores.pointClasswise()[c]);
                }
            }
            input(o.putObject("input"), summary, scores.clamped());
            if (options.bootstrap() > 0) {
                bootstrap(o.putObject("bootstrap"), options, scores.replicates(), summary.numClasses());
            }
            return o;
        } finally {
            if (scorer[0] != null) {
                scorer[0].close();
            }
        }
    }

    /**
     * Scores a run's stored predictions ({@link PredictionsFile}): the mean predictive and expected entropy the run
     * scored, so its metrics come out as the run recorded them.
     */
    private static ObjectNode scoreStored(ScoreOptions options, int sortChunk) {
        if (!options.format().equals(PredictionsCsvReader.Format.probabilities())) {
            throw new CredenceInputException(options.file() + ": holds a run's stored predictions; --logits, --tolerance"
                    + " and --renormalize apply to a CSV only; see 'credence score --help'");
        }
        PredictionsFile.Stored stored = PredictionsFile.read(options.file());
        ProbabilisticPredictions p = stored.predictions();
        try (StreamingScorer scorer = new StreamingScorer(p.numClasses(), options.bins(), options.bootstrap(),
                options.seed(), options.perClass(), sortChunk)) {
            for (int i = 0; i < p.size(); i++) {
                scorer.add(p.labels()[i], p.meanProbs()[i], p.expectedEntropy()[i]);
            }
            StreamingScorer.Scores scores = scorer.finish();
            ObjectNode o = RunResult.Metrics.of(scores.point(), null, null).toJson();
            if (options.perClass()) {
                ArrayNode pc = (ArrayNode) o.get("per_class");
                for (int c = 0; c < pc.size(); c++) {
                    ((ObjectNode) pc.get(c)).put("classwise_ece", scores.pointClasswise()[c]);
                }
            }
            ObjectNode in = o.putObject("input");
            in.put("format", PredictionsFile.FORMAT);
            in.put("run_id", stored.runId());
            in.put("fingerprint", stored.fingerprint());
            in.put("rows", p.size());
            in.put("nll_floor", ProperScoringRules.NLL_FLOOR);
            in.put("clamped_at_nll_floor", scores.clamped());
            if (options.bootstrap() > 0) {
                bootstrap(o.putObject("bootstrap"), options, scores.replicates(), p.numClasses());
            }
            return o;
        }
    }

    private static void input(ObjectNode in, PredictionsCsvReader.Summary s, long clamped) {
        in.put("format", s.format().logits() ? "logits" : "probabilities");
        in.put("samples_per_example", s.samplesPerExample());
        in.put("rows", s.rows());
        if (!s.format().logits()) {
            in.put("tolerance", s.format().tolerance());
            in.put("renormalize", s.format().renormalize());
            in.put("renormalized_rows", s.renormalizedRows());
            in.put("max_sum_deviation", s.maxSumDeviation());
        }
        in.put("nll_floor", ProperScoringRules.NLL_FLOOR);
        in.put("clamped_at_nll_floor", clamped);
    }

    private static void bootstrap(ObjectNode b, ScoreOptions options, List<StreamingScorer.Estimate> replicates, int k) {
        b.put("replicates", options.bootstrap());
        b.put("seed", options.seed());
        b.put("scheme", "poisson");
        b.put("level", UPPER - LOWER);
        ObjectNode intervals = b.putObject("intervals");
        for (String key : MetricReport.PROTOCOL_KEYS) {
            List<Double> v = new ArrayList<>();
            for (StreamingScorer.Estimate e : replicates) {
                if (e != null) {
                    v.add(e.headline().get(key));
                }
            }
            interval(intervals.putObject(key), v);
        }
        if (options.perClass()) {
            ArrayNode pc = b.putArray("per_class");
            for (int c = 0; c < k; c++) {
                ObjectNode entry = pc.addObject();
                entry.put("class", c);
                for (String key : List.of("accuracy", "nll", "ece", "classwise_ece")) {
                    List<Double> v = new ArrayList<>();
                    for (StreamingScorer.Estimate e : replicates) {
                        if (e != null) {
                            Map<String, Double> m = e.perClass().get(c);
                            v.add(m.get(key));
                        }
                    }
                    interval(entry.putObject(key), v);
                }
            }
        }
    }

    private static void interval(ObjectNode o, List<Double> values) {
        double[] v = values.stream().filter(x -> x != null).mapToDouble(Double::doubleValue).toArray();
        o.put("replicates_defined", v.length);
        if (v.length == 0) {
            o.putNull("lower");
            o.putNull("upper");
            return;
        }
        Arrays.sort(v);
        o.put("lower", quantile(v, LOWER));
        o.put("upper", quantile(v, UPPER));
    }

    /** @return the q-quantile of sorted values, interpolating linearly between order statistics (numpy's default) */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
