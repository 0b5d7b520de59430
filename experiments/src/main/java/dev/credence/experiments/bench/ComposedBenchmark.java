package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Names;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Phase timings of the methods built on a trained network ({@code bench --method composed}): deep ensemble,
 * temperature scaling, last-layer Laplace and SWAG, each on map with the bench's network, one JSON object per
 * (method, phase). The table's first {@link BenchSettings#examples()} rows train; the
 * {@link ComposedSettings#heldOut()} rows after them are temperature scaling's validation set and every predictive's
 * test set. Each trial runs every phase of its method once ({@link ComposedTrial}); untimed trials come first until
 * {@link BenchSettings#warmupSeconds()} have passed (at least one), then {@link BenchSettings#repeats()} timed ones,
 * and each phase reports the median.
 */
public final class ComposedBenchmark {
    /** The methods measured by {@code --method composed}, in order. */
    public static final List<String> METHODS = List.of("deep-ensemble", "temperature-scaling", "laplace", "swag");

    private final BenchSettings settings;
    private final ComposedSettings composed;
    private final String dataset;
    private final ComposedSetup setup;

    /**
     * @param settings the bench's settings (network, batch, training rows, threads, repeats, warm-up, seed)
     * @param composed held-out rows, ensemble size, SWAG epochs
     * @param data     a table of at least examples + 2 rows; the first examples train, up to heldOut after them are held out
     * @param registry where the methods are found
     */
    public ComposedBenchmark(BenchSettings settings, ComposedSettings composed, BenchData data, MethodRegistry registry) {
        this.settings = settings;
        this.composed = composed;
        this.dataset = data.description();
        DenseData all = data.data();
        int n = Math.min(settings.examples(), all.size() - 1);
        int held = Math.min(composed.heldOut(), all.size() - n);
        DenseData train = all.select(IntStream.range(0, n).toArray());
        DenseData heldOut = all.select(IntStream.range(n, n + held).toArray());
        Map<String, String> params = Map.of("members", Integer.toString(composed.members()),
                "swag_epochs", Integer.toString(composed.swagEpochs()));
        this.setup = new ComposedSetup(train, heldOut, registry, new MethodBenchmark(settings, data, params), settings.seed());
    }

    /**
     * @param method one of {@link #METHODS}
     * @return its trial
     * @throws CredenceInputException for another name
     */
    ComposedTrial trial(String method) {
        return switch (method) {
            case "deep-ensemble" -> new EnsembleTrial(setup, composed.members());
            case "temperature-scaling" -> new TemperatureTrial(setup);
            case "laplace" -> new LaplaceTrial(setup);
            case "swag" -> new SwagTrial(setup, composed.swagEpochs());
            default -> throw new CredenceInputException("bench: " + Names.unknown("composed method", method, METHODS));
        };
    }

    /**
     * Measures one method.
     *
     * @param method one of {@link #METHODS}
     * @param err    progress lines
     * @return one JSON object per phase
     */
    public List<ObjectNode> measure(String method, PrintStream err) {
        ComposedTrial trial = trial(method);
        long warmupEnd = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
        int warmups = 0;
        do {
            PhaseClock clock = new PhaseClock();
            trial.run(clock);
            err.println("bench " + method + " warm-up " + (++warmups) + ": " + describe(clock));
        } while (System.nanoTime() < warmupEnd);
        Map<String, double[]> runs = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, Object> details = Map.of();
        for (int r = 0; r < settings.repeats(); r++) {
            PhaseClock clock = new PhaseClock();
            details = trial.run(clock);
            for (ComposedTrial.Phase phase : trial.phases()) {
                runs.computeIfAbsent(phase.name(), k -> new double[settings.repeats()])[r] = clock.seconds().get(phase.name());
                cpu.computeIfAbsent(phase.name(), k -> new double[settings.repeats()])[r] = clock.cpuSeconds().get(phase.name());
            }
            err.println("bench " + method + " rep " + (r + 1) + ": " + describe(clock) + " " + details);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ComposedTrial.Phase phase : trial.phases()) {
            out.add(json(method, phase, runs.get(phase.name()), cpu.get(phase.name()), details, warmups));
        }
        return out;
    }

    private static String describe(PhaseClock clock) {
        StringBuilder s = new StringBuilder();
        clock.seconds().forEach((phase, seconds) -> s.append(s.length() == 0 ? "" : ", ")
                .append(String.format(java.util.Locale.ROOT, "%s %.4f s (cpu %.4f)", phase, seconds, clock.cpuSeconds().get(phase))));
        return s.toString();
    }

    private ObjectNode json(String method, ComposedTrial.Phase phase, double[] seconds, double[] cpuSeconds,
                            Map<String, Object> details, int warmups) {
        double median = Stats.median(seconds);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("method", method);
        o.put("phase", phase.name());
        o.put("seconds", Stats.round(median));
        o.put("count", phase.count());
        o.put("unit", phase.unit());
        o.put("per_s", Stats.round(phase.count() / median));
        o.put("cpu_seconds", Stats.round(Stats.median(cpuSeconds)));
        o.put("what", phase.what());
        o.set("details", mapper.valueToTree(details));
        ObjectNode s = o.putObject("settings");
        ArrayNode hidden = s.putArray("hidden");
        settings.hidden().forEach(hidden::add);
        s.put("batch", settings.batch());
        s.put("examples", setup.train().size());
        s.put("held_out", setup.heldOut().size());
        s.put("members", composed.members());
        s.put("swag_epochs", composed.swagEpochs());
        s.put("threads", settings.threads());
        s.put("repeats", settings.repeats());
        s.put("warmup_seconds", settings.warmupSeconds());
        s.put("warmup_trials", warmups);
        s.put("seed", settings.seed());
        s.put("dataset", dataset);
        s.put("base", ComposedSetup.BASE);
        s.set("base_hyperparameters", mapper.valueToTree(setup.baseValues()));
        s.set("hyperparameters", mapper.valueToTree(setup.values(method)));
        o.set("engine", EngineInfo.describe());
        ObjectNode runs = o.putObject("runs");
        ArrayNode wall = runs.putArray("seconds");
        ArrayNode thread = runs.putArray("cpu_seconds");
        for (int r = 0; r < seconds.length; r++) {
            wall.add(Stats.round(seconds[r]));
            thread.add(Stats.round(cpuSeconds[r]));
        }
        return o;
    }
}
