package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import org.ejml.data.FMatrixRMaj;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training and inference throughput of one method on the protocol network.
 *
 * <p>Each repetition builds a fresh trainer with the same seed and fits one epoch over the benchmark table
 * ({@code epochs = 1}, so a fit sees N examples unless the method itself runs extra phases, which its history
 * then counts), then samples the predictive S times on the first rows. Only the hyperparameters every method
 * shares are set — {@code hidden}, {@code epochs}, {@code batch_size} — plus {@code test_samples} when
 * {@code --samples} is given and the method declares it; everything else stays at the method's default.
 * One untimed warm-up fit and inference come first (JIT compilation); the median of the repetitions is
 * reported.
 */
public final class MethodBenchmark {
    private final BenchSettings settings;
    private final BenchData data;
    private final FMatrixRMaj inferenceX;

    /**
     * @param settings what to measure
     * @param data     the training table
     */
    public MethodBenchmark(BenchSettings settings, BenchData data) {
        this.settings = settings;
        this.data = data;
        this.inferenceX = data.firstRows(settings.inferenceExamples());
    }

    /**
     * @param provider the method
     * @return the values {@code provider.create} gets: only shared hyperparameters the method declares
     */
    Map<String, Object> hyperParameters(MethodProvider provider) {
        Set<String> declared = new HashSet<>();
        for (HyperParameter h : provider.hyperParameters()) {
            declared.add(h.name());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (declared.contains("hidden")) {
            values.put("hidden", settings.hidden());
        }
        if (declared.contains("epochs")) {
            values.put("epochs", 1);
        }
        if (declared.contains("batch_size")) {
            values.put("batch_size", settings.batch());
        }
        if (settings.samples() != null && declared.contains("test_samples")) {
            values.put("test_samples", settings.samples());
        }
        return values;
    }

    private static Object defaultEpochs(MethodProvider provider) {
        for (HyperParameter h : provider.hyperParameters()) {
            if (h.name().equals("epochs")) {
                return h.defaultValue();
            }
        }
        return null;
    }

    /**
     * Measures one method. When the method rejects {@code epochs = 1} (say, its burn-in needs more), it runs
     * its default number of epochs over the first N/epochs rows instead, so a fit still sees about N examples;
     * stderr says so and the JSON's {@code examples_per_fit} and {@code settings.hyperparameters} show it.
     *
     * @param provider the method
     * @param err      progress lines
     * @return the JSON object of the method's measurement
     */
    public ObjectNode measure(MethodProvider provider, PrintStream err) {
        Map<String, Object> values = hyperParameters(provider);
        DenseData train = data.data();
        try {
            provider.create(values, settings.seed());
        } catch (CredenceInputException e) {
            // e.g. a method whose burn-in needs more than one epoch: keep the number of examples, not the epochs
            Object epochs = defaultEpochs(provider);
            if (!values.containsKey("epochs") || !(epochs instanceof Integer) || (Integer) epochs <= 1) {
                throw e;
            }
            values.remove("epochs");
            int e0 = (Integer) epochs;
            int rows = Math.max(Math.min(settings.batch(), train.size()), (train.size() + e0 - 1) / e0);
            train = train.select(java.util.stream.IntStream.range(0, rows).toArray());
            provider.create(values, settings.seed());
            err.println("bench " + provider.name() + ": epochs = 1 rejected (" + e.getMessage() + "); using its default "
                    + e0 + " epochs over the first " + rows + " rows");
        }
        int reps = settings.repeats();
        double[] trainRate = new double[reps];
        double[] inferRate = new double[reps];
        double[] fitSeconds = new double[reps];
        long processed = 0;
        int samples = 0;
        for (int r = -1; r < reps; r++) {
            long start = System.nanoTime();
            FitResult fit = provider.create(values, settings.seed()).fit(train, null, TrainingListener.NONE);
            double wall = (System.nanoTime() - start) / 1e9;
            TrainingHistory h = fit.history();
            samples = settings.samples() != null ? settings.samples() : fit.testSamples();
            long t0 = System.nanoTime();
            fit.predictive().sample(inferenceX, samples);
            double inferSeconds = (System.nanoTime() - t0) / 1e9;
            if (r >= 0) {
                processed = h.examplesProcessed();
                trainRate[r] = h.examplesPerSecond();
                fitSeconds[r] = wall;
                inferRate[r] = inferenceX.numRows / inferSeconds;
            }
            err.printf("bench %s %s: %.0f train ex/s, %.0f inference ex/s (S=%d)%n", provider.name(),
                    r < 0 ? "warm-up" : "rep " + (r + 1), h.examplesPerSecond(), inferenceX.numRows / inferSeconds, samples);
        }
        List<Integer> widths = Flops.widths(data.data().numFeatures(), settings.hidden(), data.data().numClasses());
        double trainMedian = Stats.median(trainRate);
        double infer = Stats.median(inferRate);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("method", provider.name());
        o.put("train_examples_per_s", Stats.round(trainMedian));
        o.put("inference_examples_per_s", Stats.round(infer));
        o.put("gflops", Stats.round(trainMedian * Flops.trainingPerExample(widths) / 1e9));
        o.put("inference_gflops", Stats.round(infer * samples * Flops.forwardPerExample(widths) / 1e9));
        o.put("samples", samples);
        o.put("examples_per_fit", processed);
        o.put("fit_seconds", Stats.round(Stats.median(fitSeconds)));
        ObjectNode s = o.putObject("settings");
        ArrayNode hidden = s.putArray("hidden");
        settings.hidden().forEach(hidden::add);
        s.put("batch", settings.batch());
        s.put("examples", settings.examples());
        s.put("inference_examples", inferenceX.numRows);
        s.put("threads", settings.threads());
        s.put("repeats", reps);
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
        return o;
    }
}
