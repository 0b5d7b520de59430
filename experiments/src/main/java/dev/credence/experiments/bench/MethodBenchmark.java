package dev.credence.experiments.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.NetworkShape;
import dev.credence.core.spi.Architecture;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.Names;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import org.ejml.data.FMatrixRMaj;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training and inference throughput of one method on the protocol network.
 *
 * <p>Each repetition builds a fresh trainer with the same seed and fits one epoch over the benchmark table
 * ({@code epochs = 1}, so a fit sees N examples unless the method itself runs extra phases, which its history
 * then counts), then samples the predictive S times on the first rows. The bench sets only the hyperparameters
 * every method shares — {@code hidden}, {@code epochs}, {@code batch_size} — plus {@code test_samples} when
 * {@code --samples} is given and the method declares it, {@code burn_in_epochs = 0} where declared (sgld:
 * a one-epoch chain has no room for burn-in, and a burn-in update costs what any other update costs; its kept
 * {@code samples} then lowered to the epoch's updates when the default exceeds them) and one
 * step size, the first of the default {@code step_sizes} (one chain is timed; the bench has no validation split to
 * choose among several on). Values
 * given with {@code --param name=value} come last and override these; everything else stays at the method's
 * default. All values go through the method's own validation before anything runs. Untimed warm-up fits and
 * inferences come first, repeated until {@link BenchSettings#warmupSeconds()} have passed (at least one): C2 compiles
 * the Vector API code after many calls, and until then throughput is a fraction of the steady state (measured:
 * map inference 53k, 123k, then 190k examples/s over its first three batches of 50 chunks). The median of the
 * timed repetitions is reported.
 */
public final class MethodBenchmark {
    private final BenchSettings settings;
    private final BenchData data;
    private final FMatrixRMaj inferenceX;
    private final Map<String, String> params;

    /**
     * @param settings what to measure
     * @param data     the training table
     */
    public MethodBenchmark(BenchSettings settings, BenchData data) {
        this(settings, data, Map.of());
    }

    /**
     * @param settings what to measure
     * @param data     the training table
     * @param params   hyperparameter values as text ({@code --param name=value}), applied to each measured method
     *                 that declares them ({@link #undeclared} finds those no method declares)
     */
    public MethodBenchmark(BenchSettings settings, BenchData data, Map<String, String> params) {
        this.settings = settings;
        this.data = data;
        this.inferenceX = data.firstRows(settings.inferenceExamples());
        this.params = Map.copyOf(params);
    }

    /**
     * @param providers the methods to be measured
     * @param params    {@code --param} names and values
     * @return the first name none of the methods declares, as a one-line message with the nearest known name, or
     *         null when every name is declared by at least one of them
     */
    public static String undeclared(List<MethodProvider> providers, Map<String, String> params) {
        Set<String> known = new java.util.TreeSet<>();
        for (MethodProvider p : providers) {
            for (HyperParameter h : p.hyperParameters()) {
                known.add(h.name());
            }
        }
        for (String name : new java.util.TreeSet<>(params.keySet())) {
            if (!known.contains(name)) {
                String whose = providers.size() == 1 ? "hyperparameter of " + providers.get(0).name() : "hyperparameter";
                return "bench --param: " + Names.unknown(whose, name, known);
            }
        }
        return null;
    }

    /**
     * @param provider the method
     * @return the values {@code provider.create} gets (only names the method declares), validated by the method's
     *         hyperparameter rules and typed as they resolve
     * @throws CredenceInputException naming the field when a value is invalid
     */
    public Map<String, Object> hyperParameters(MethodProvider provider) {
        Map<String, HyperParameter> declared = new LinkedHashMap<>();
        for (HyperParameter h : provider.hyperParameters()) {
            declared.put(h.name(), h);
        }
        ObjectNode given = JsonNodeFactory.instance.objectNode();
        if (settings.architecture() != null && declared.containsKey(Architecture.FIELD)) {
            given.set(Architecture.FIELD, architectureJson(settings.architecture()));
        } else if (declared.containsKey("hidden")) {
            ArrayNode hidden = given.putArray("hidden");
            settings.hidden().forEach(hidden::add);
        }
        if (declared.containsKey("epochs")) {
            given.put("epochs", 1);
        }
        if (declared.containsKey("batch_size")) {
            given.put("batch_size", settings.batch());
        }
        if (settings.samples() != null && declared.containsKey("test_samples")) {
            given.put("test_samples", settings.samples());
        }
        if (declared.containsKey("burn_in_epochs")) {
            given.put("burn_in_epochs", 0);
            // a one-epoch chain keeps at most one sample per update: fewer rows than samples × batch keep fewer
            HyperParameter kept = declared.get("samples");
            int updates = (settings.examples() + settings.batch() - 1) / settings.batch();
            if (kept != null && kept.defaultValue() instanceof Number n && n.intValue() > updates) {
                given.put("samples", updates);
            }
        }
        if (declared.containsKey("step_sizes")) {
            given.putArray("step_sizes").add(((List<?>) declared.get("step_sizes").defaultValue()).get(0) instanceof Number n
                    ? n.doubleValue() : 0);
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
            HyperParameter h = declared.get(e.getKey());
            if (h != null) {
                given.set(e.getKey(), parseValue(h, e.getValue()));
            }
        }
        ResolvedParams resolved = HyperParameters.resolve("bench: method '" + provider.name() + "'", provider.name(),
                provider.hyperParameters(), given);
        Map<String, Object> values = new LinkedHashMap<>();
        given.fieldNames().forEachRemaining(name -> values.put(name, resolved.asMap().get(name)));
        return values;
    }

    /**
     * @param spec  the hyperparameter
     * @param value its text from the command line: a number, true/false, a choice, or for lists comma-separated
     *              numbers (with or without brackets)
     * @return the JSON value {@link HyperParameters#resolve} checks; text that is not valid JSON stays text, so the
     *         method's validation names the field and shows what was given
     */
    static JsonNode parseValue(HyperParameter spec, String value) {
        String v = value.trim();
        if (spec.type() == HyperParameter.Type.CHOICE) {
            return TextNode.valueOf(v);
        }
        boolean list = spec.type() == HyperParameter.Type.INT_LIST || spec.type() == HyperParameter.Type.DOUBLE_LIST;
        String json = list && !v.startsWith("[") ? "[" + v + "]" : v;
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            return node == null || node.isMissingNode() ? TextNode.valueOf(value) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }

    /** One untimed-or-timed fit and inference: the training history, wall times, S and train accuracy. */
    private record Trial(TrainingHistory history, double fitSeconds, double inferSeconds, int samples, double accuracy) {
    }

    private Trial once(MethodProvider provider, Map<String, Object> values, DenseData train) {
        long start = System.nanoTime();
        FitResult fit = provider.create(values, settings.seed()).fit(train, null, TrainingListener.NONE);
        double wall = (System.nanoTime() - start) / 1e9;
        int samples = settings.samples() != null ? settings.samples() : fit.testSamples();
        long t0 = System.nanoTime();
        PredictiveSamples predicted = fit.predictive().sample(inferenceX, samples);
        double inferSeconds = (System.nanoTime() - t0) / 1e9;
        return new Trial(fit.history(), wall, inferSeconds, samples, accuracy(predicted, train.y()));
    }

    private void report(MethodProvider provider, String what, Trial t, PrintStream err) {
        err.printf("bench %s %s: %.0f train ex/s, %.0f inference ex/s (S=%d), train accuracy %.3f%n", provider.name(),
                what, t.history().examplesPerSecond(), inferenceX.numRows / t.inferSeconds(), t.samples(), t.accuracy());
    }

    /**
     * Measures one method.
     *
     * @param provider the method
     * @param err      progress lines
     * @return the JSON object of the method's measurement
     */
    public ObjectNode measure(MethodProvider provider, PrintStream err) {
        Map<String, Object> values = hyperParameters(provider);
        DenseData train = data.data();
        int reps = settings.repeats();
        double[] trainRate = new double[reps];
        double[] inferRate = new double[reps];
        double[] fitSeconds = new double[reps];
        double[] accuracy = new double[reps];
        long warmupEnd = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
        int warmups = 0;
        do {
            report(provider, "warm-up " + (++warmups), once(provider, values, train), err);
        } while (System.nanoTime() < warmupEnd);
        Trial last = null;
        for (int r = 0; r < reps; r++) {
            last = once(provider, values, train);
            trainRate[r] = last.history().examplesPerSecond();
            fitSeconds[r] = last.fitSeconds();
            inferRate[r] = inferenceX.numRows / last.inferSeconds();
            accuracy[r] = last.accuracy();
            report(provider, "rep " + (r + 1), last, err);
        }
        long processed = last.history().examplesProcessed();
        int samples = last.samples();
        NetworkShape network = Architecture.shape(settings.architecture() == null ? Architecture.MLP : settings.architecture(),
                settings.hidden().stream().mapToInt(Integer::intValue).toArray(), data.data().numFeatures(),
                data.data().image(), data.data().numClasses(), "relu");
        double trainMedian = Stats.median(trainRate);
        double infer = Stats.median(inferRate);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("method", provider.name());
        o.put("train_examples_per_s", Stats.round(trainMedian));
        o.put("inference_examples_per_s", Stats.round(infer));
        o.put("gflops", Stats.round(trainMedian * Flops.trainingPerExample(network) / 1e9));
        o.put("inference_gflops", Stats.round(infer * samples * Flops.forwardPerExample(network) / 1e9));
        o.put("samples", samples);
        o.put("examples_per_fit", processed);
        o.put("fit_seconds", Stats.round(Stats.median(fitSeconds)));
        o.put("train_accuracy", Stats.round(accuracy[reps - 1]));
        ObjectNode s = o.putObject("settings");
        if (settings.architecture() != null) {
            s.set(Architecture.FIELD, architectureJson(settings.architecture()));
        } else {
            ArrayNode hidden = s.putArray("hidden");
            settings.hidden().forEach(hidden::add);
        }
        s.put("batch", settings.batch());
        s.put("examples", settings.examples());
        s.put("inference_examples", inferenceX.numRows);
        s.put("threads", settings.threads());
        s.put("repeats", reps);
        s.put("warmup_seconds", settings.warmupSeconds());
        s.put("warmup_fits", warmups);
        s.put("seed", settings.seed());
        s.put("dataset", data.description());
        s.set("hyperparameters", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(values));
        o.set("engine", EngineInfo.describe());
        ObjectNode runs = o.putObject("runs");
        ArrayNode tr = runs.putArray("train_examples_per_s");
        ArrayNode ir = runs.putArray("inference_examples_per_s");
        for (int r = 0; r < reps; r++) {
            tr.add(Stats.round(trainRate[r]));
            ir.add(Stats.round(inferRate[r]));
        }
        ArrayNode ar = runs.putArray("train_accuracy");
        for (int r = 0; r < reps; r++) {
            ar.add(Stats.round(accuracy[r]));
        }
        return o;
    }

    /**
     * @param predicted the predictive's samples on the first rows of the training table
     * @param y         the training labels (the first {@code predicted.n()} are used)
     * @return the share of those rows whose mean predictive's most probable class is the label
     */
    static double accuracy(PredictiveSamples predicted, int[] y) {
        double[][] mean = predicted.meanProbabilities();
        int right = 0;
        for (int i = 0; i < mean.length; i++) {
            int best = 0;
            for (int k = 1; k < mean[i].length; k++) {
                if (mean[i][k] > mean[i][best]) {
                    best = k;
                }
            }
            if (best == y[i]) {
                right++;
            }
        }
        return (double) right / mean.length;
    }

    /**
     * @param text an architecture's text ({@code lenet5}, {@code mlp}, or a JSON list of layers)
     * @return its JSON value
     * @throws CredenceInputException when the text is neither a name nor JSON
     */
    static JsonNode architectureJson(String text) {
        if (!text.trim().startsWith("[")) {
            return TextNode.valueOf(text);
        }
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new CredenceInputException("bench: --architecture " + text + ": not a JSON list of layers ("
                    + e.getOriginalMessage() + ")");
        }
    }
}
