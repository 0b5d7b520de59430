package dev.credence.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.kernel.Sgemm;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.experiments.bench.BenchData;
import dev.credence.experiments.bench.BenchSettings;
import dev.credence.experiments.bench.ComposedBenchmark;
import dev.credence.experiments.bench.ComposedSettings;
import dev.credence.experiments.bench.ConvBenchmark;
import dev.credence.experiments.bench.Flops;
import dev.credence.experiments.bench.GradientVariance;
import dev.credence.experiments.bench.KernelBenchmark;
import dev.credence.experiments.bench.MethodBenchmark;
import dev.credence.experiments.cli.args.Values;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench [options]}: training and inference throughput of each method on a 784-input, 10-class problem (Fashion-MNIST's
 * first N training images if installed, else a synthetic stand-in), one JSON object per method on stdout; with
 * {@code --method composed} (or one of its methods), the phases of the methods built on map, one JSON object per
 * (method, phase) ({@link ComposedBenchmark}); with {@code --kernel}, GFLOP/s of the network's matrix products and
 * of LeNet-5's convolutions ({@link ConvBenchmark}) instead; with {@code --gradient-variance}, the variance of bbb's
 * minibatch gradient under each estimator ({@link GradientVariance}), on the MLP or on LeNet-5. {@code --param} (repeatable) sets any hyperparameter of the method, checked by the method's own
 * validation; with {@code --method all} it applies to the methods that declare it.
 * Progress goes to stderr. See experiments/bench/README.md.
 */
@CommandLine.Command(name = "bench", description = {"Training and inference throughput of each method, one JSON line per method on stdout.",
        "On a 784-input, 10-class problem: Fashion-MNIST's first N training images if installed, else a synthetic"
                + " stand-in. --method composed times the phases of the methods built on map, one JSON line per"
                + " (method, phase); --kernel measures the GEMM GFLOP/s on the protocol shapes instead, and"
                + " --gradient-variance bbb's gradient variance under each estimator. Progress goes to stderr. See experiments/bench/README.md."},
        footer = {"%nExamples:%n  credence bench --method bbb --param rho_init=-4 --repeats 5 > bbb.jsonl",
                "  credence bench --gradient-variance --draws 200 --threads 2",
                "  credence bench --gradient-variance --architecture lenet5",
                "  credence bench --method composed --members 5"})
final class BenchCommand implements Command {
    /** {@code --method composed}: every method of {@link ComposedBenchmark#METHODS}. */
    static final String COMPOSED = "composed";
    /** Timed repetitions when {@code --repeats} is not given: of a method's fit and inference. */
    static final int REPEATS = 3;
    /** ... of a GEMM or of a composed method's phases. */
    static final int KERNEL_REPEATS = 5;

    @CommandLine.Option(names = "--method", paramLabel = "NAME", description = "a method, all, or " + COMPOSED)
    String method = "all";
    @CommandLine.Option(names = "--hidden", paramLabel = "W", split = ",", converter = Values.Positive.class, defaultValue = "400,400",
            description = "hidden layer widths")
    List<Integer> hidden;
    @CommandLine.Option(names = "--architecture", paramLabel = "A", description = "the architecture instead of --hidden:"
            + " with --method, lenet5 or a JSON list of layers (the suite's form) on the 1×28×28 images; with"
            + " --gradient-variance, mlp (the --hidden widths, the default) or lenet5 (the Bayesian LeNet-5)")
    String architecture;
    @CommandLine.Option(names = "--batch", paramLabel = "B", converter = Values.Positive.class, description = "minibatch size")
    int batch = 128;
    @CommandLine.Option(names = "--examples", paramLabel = "N", converter = Values.Positive.class,
            description = "training rows per timed fit (one epoch)")
    int examples = 10_000;
    @CommandLine.Option(names = "--samples", paramLabel = "S", converter = Values.Positive.class,
            description = "predictive samples at inference (default: each method's own)")
    Integer samples;
    @CommandLine.Option(names = "--threads", paramLabel = "T", converter = Values.Positive.class,
            description = "GEMM threads (default: the kernel's current count)")
    Integer threads;
    @CommandLine.Option(names = "--repeats", paramLabel = "R", converter = Values.Positive.class, description = "timed repetitions,"
            + " the median reported (default: " + REPEATS + ", " + KERNEL_REPEATS + " with --kernel or composed)")
    Integer repeats;
    @CommandLine.Option(names = "--seed", paramLabel = "SEED", converter = Values.Whole.class,
            description = "seed of the data stand-in and of every fit")
    long seed = 42;
    @CommandLine.Option(names = "--warmup", paramLabel = "SECONDS", converter = Values.Seconds.class,
            description = "untimed fits and inferences for this long first (at least one)")
    double warmup = 5;
    @CommandLine.Option(names = "--param", paramLabel = "NAME=VALUE", converter = Values.Pair.class, description = "a hyperparameter"
            + " of the method (repeatable), checked by its own validation; with --method all, for the methods that declare it")
    List<Map.Entry<String, String>> pairs;
    @CommandLine.Option(names = "--held-out", paramLabel = "V", converter = Values.Positive.class,
            description = "composed: rows after the training rows, for validation and prediction")
    int heldOut = 10_000;
    @CommandLine.Option(names = "--members", paramLabel = "M", converter = Values.Positive.class,
            description = "composed: members of the deep ensemble")
    int members = 3;
    @CommandLine.Option(names = "--swag-epochs", paramLabel = "K", converter = AtLeastTwo.class,
            description = "composed: epochs of SWAG's collection phase")
    int swagEpochs = 10;
    @CommandLine.Option(names = "--kernel", description = "GEMM GFLOP/s on the protocol shapes, then LeNet-5's convolutions"
            + " (forward and backward, point and Gaussian kernels), instead of the methods")
    boolean kernel;
    @CommandLine.Option(names = "--gradient-variance", description = "instead of the methods: the variance of bbb's minibatch"
            + " gradient wrt μ and ρ under each estimator, at one μ, ρ and minibatch (the first --batch rows)")
    boolean gradientVariance;
    @CommandLine.Option(names = "--draws", paramLabel = "D", converter = TwoDrawsOrMore.class,
            description = "--gradient-variance: gradient draws per estimator")
    int draws = 200;
    @CommandLine.Option(names = "--rho-init", paramLabel = "R", description = "--gradient-variance: ρ of every weight and bias")
    double rhoInit = -3;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run(PrintStream out, PrintStream err) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : pairs == null ? List.<Map.Entry<String, String>>of() : pairs) {
            if (params.put(p.getKey(), p.getValue()) != null) {
                throw new CredenceInputException("bench: --param " + p.getKey() + " is given twice");
            }
        }
        boolean composed = method.equals(COMPOSED) || ComposedBenchmark.METHODS.contains(method);
        int threads = this.threads != null ? this.threads : Sgemm.threads();
        int repeats = this.repeats != null ? this.repeats : kernel || composed ? KERNEL_REPEATS : REPEATS;
        Sgemm.setThreads(threads);
        if (gradientVariance) {
            if (!params.isEmpty() || given("--method") || kernel) {
                throw new CredenceInputException("bench: --gradient-variance measures bbb's three estimators; it takes no"
                        + " --method, --param or --kernel");
            }
            boolean lenet5 = switch (architecture == null ? "mlp" : architecture) {
                case "mlp" -> false;
                case "lenet5" -> true;
                default -> throw new CredenceInputException("bench: --architecture " + architecture
                        + ": unknown (known: mlp, lenet5); see 'credence bench --help'");
            };
            if (lenet5 && given("--hidden")) {
                throw new CredenceInputException("bench: --hidden sets the MLP's widths; --architecture lenet5 has its own");
            }
            BenchData data = BenchData.load(batch, seed);
            err.println("bench: gradient variance, " + data.description() + ", " + batch + " rows, "
                    + (lenet5 ? "LeNet-5" : "hidden " + hidden) + ", " + draws + " draws, ρ = " + rhoInit + ", " + threads + " threads");
            GradientVariance measurement = lenet5 ? GradientVariance.lenet5(data, batch, rhoInit, draws, seed)
                    : new GradientVariance(data, hidden, batch, rhoInit, draws, seed);
            for (ObjectNode o : measurement.measure()) {
                out.println(o.toString());
                out.flush();
            }
            return;
        } else if (given("--draws") || given("--rho-init")) {
            throw new CredenceInputException("bench: --draws and --rho-init are for --gradient-variance");
        }
        if (architecture != null && (kernel || composed)) {
            throw new CredenceInputException("bench: --architecture is for --method with a method trained from scratch");
        }
        if (kernel) {
            if (!params.isEmpty()) {
                throw new CredenceInputException("bench: --param sets method hyperparameters; --kernel runs no method");
            }
            List<Integer> widths = Flops.widths(BenchData.FEATURES, hidden, BenchData.CLASSES);
            for (ObjectNode o : new KernelBenchmark(threads, repeats).measure(KernelBenchmark.protocolShapes(batch, widths))) {
                out.println(o.toString());
                out.flush();
            }
            for (ObjectNode o : new ConvBenchmark(batch, threads, repeats).measure(ConvBenchmark.lenet5())) {
                out.println(o.toString());
                out.flush();
            }
            return;
        }
        MethodRegistry registry = MethodRegistry.discover();
        if (composed) {
            runComposed(new BenchSettings(hidden, batch, examples, samples, threads, repeats, seed,
                    Math.min(examples, 10_000), warmup), params, registry, out, err);
            return;
        } else if (Stream.of("--held-out", "--members", "--swag-epochs").anyMatch(this::given)) {
            throw new CredenceInputException("bench: --held-out, --members and --swag-epochs are for --method composed"
                    + " (or one of " + String.join(", ", ComposedBenchmark.METHODS) + ")");
        }
        List<MethodProvider> providers = method.equals("all")
                ? registry.all().stream().filter(p -> !(p instanceof ComposedMethodProvider)).toList()
                : List.of(registry.get(method));
        if (providers.get(0) instanceof ComposedMethodProvider) {
            throw new CredenceInputException("bench: '" + method + "' builds on another method and has no phase timings;"
                    + " bench --method composed times " + String.join(", ", ComposedBenchmark.METHODS));
        }
        BenchSettings settings = new BenchSettings(hidden, batch, examples, samples, threads, repeats, seed,
                Math.min(examples, 10_000), warmup, architecture);
        String undeclared = MethodBenchmark.undeclared(providers, params);
        if (undeclared != null) {
            throw new CredenceInputException(undeclared);
        }
        BenchData data = BenchData.load(examples, seed);
        MethodBenchmark bench = new MethodBenchmark(settings, data, params);
        for (MethodProvider p : providers) {
            bench.hyperParameters(p); // every value through the method's validation before anything is timed
        }
        err.println("bench: " + data.description() + ", " + examples + " examples, "
                + (architecture == null ? "hidden " + hidden : "architecture " + architecture) + ", batch " + batch
                + ", " + threads + " threads, kernel " + Sgemm.kernelName());
        for (MethodProvider p : providers) {
            try {
                out.println(bench.measure(p, err).toString());
                out.flush();
            } catch (RuntimeException e) {
                if (!method.equals("all")) {
                    throw e;
                }
                err.println("bench: " + p.name() + " failed, skipped: " + e);
            }
        }
    }

    private void runComposed(BenchSettings settings, Map<String, String> params, MethodRegistry registry, PrintStream out,
                             PrintStream err) {
        if (!params.isEmpty()) {
            throw new CredenceInputException("bench: --param does not apply to --method " + method + "; its settings are"
                    + " --members, --swag-epochs, --held-out and the network options");
        }
        ComposedSettings composed = new ComposedSettings(heldOut, members, swagEpochs);
        BenchData data = BenchData.load(settings.examples() + composed.heldOut(), settings.seed());
        ComposedBenchmark bench = new ComposedBenchmark(settings, composed, data, registry);
        err.println("bench: " + data.description() + ", " + settings.examples() + " training and " + composed.heldOut()
                + " held-out rows, hidden " + settings.hidden() + ", batch " + settings.batch() + ", " + settings.threads()
                + " threads, kernel " + Sgemm.kernelName());
        for (String m : method.equals(COMPOSED) ? ComposedBenchmark.METHODS : List.of(method)) {
            for (ObjectNode o : bench.measure(m, err)) {
                out.println(o.toString());
            }
            out.flush();
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** {@code --swag-epochs}: SWAG needs two iterates. */
    static final class AtLeastTwo extends Values.WholeIn {
        AtLeastTwo() {
            super(2, Integer.MAX_VALUE, "(SWAG needs two iterates)");
        }
    }

    /** {@code --draws}: a variance needs two draws. */
    static final class TwoDrawsOrMore extends Values.WholeIn {
        TwoDrawsOrMore() {
            super(2, Integer.MAX_VALUE, "(a variance needs two draws)");
        }
    }
}
