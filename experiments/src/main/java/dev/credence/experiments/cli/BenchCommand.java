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
import dev.credence.experiments.bench.Flops;
import dev.credence.experiments.bench.GradientVariance;
import dev.credence.experiments.bench.KernelBenchmark;
import dev.credence.experiments.bench.MethodBenchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench [--method NAME|all|composed] [--hidden 400,400] [--batch 128] [--examples N] [--samples S] [--threads T]
 * [--repeats R] [--seed SEED] [--warmup SECONDS] [--param NAME=VALUE]... [--held-out V] [--members M] [--swag-epochs K]
 * [--kernel] [--gradient-variance [--draws D] [--rho-init R]]}: training and inference throughput of each method on a 784-input, 10-class problem (Fashion-MNIST's
 * first N training images if installed, else a synthetic stand-in), one JSON object per method on stdout; with
 * {@code --method composed} (or one of its methods), the phases of the methods built on map, one JSON object per
 * (method, phase) ({@link ComposedBenchmark}); with {@code --kernel}, GFLOP/s of the network's matrix products
 * instead; with {@code --gradient-variance}, the variance of bbb's minibatch gradient under each estimator
 * ({@link GradientVariance}: D = 200 draws by default on the first {@code --batch} rows, ρ = −3 by default).
 * {@code --param} (repeatable) sets any hyperparameter of the method, checked by the method's own
 * validation; with {@code --method all} it applies to the methods that declare it.
 * Progress goes to stderr. See experiments/bench/README.md.
 */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "bench [--method NAME|all|composed] [--hidden 400,400] [--batch 128] [--examples N] [--samples S] [--threads T]"
                + " [--repeats R] [--seed SEED] [--warmup SECONDS] [--param NAME=VALUE]... [--held-out V] [--members M] [--swag-epochs K]"
                + " [--kernel] [--gradient-variance [--draws D] [--rho-init R]]   throughput JSON lines (--method composed: phases of"
                + " the methods built on map; --kernel: GEMM GFLOP/s; --gradient-variance: bbb's gradient variance per estimator)";
    }

    @Override
    public void run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>();
        Map<String, String> params = params(args, rest);
        Arguments a = new Arguments(name(), rest,
                Set.of("--method", "--hidden", "--batch", "--examples", "--samples", "--threads", "--repeats", "--seed", "--warmup",
                        "--held-out", "--members", "--swag-epochs", "--draws", "--rho-init"),
                Set.of("--kernel", "--gradient-variance"), 0);
        List<Integer> hidden = intList("--hidden", a.option("--hidden"), List.of(400, 400));
        int batch = positive("--batch", a.option("--batch"), 128);
        int examples = positive("--examples", a.option("--examples"), 10_000);
        Integer samples = a.option("--samples") == null ? null : positive("--samples", a.option("--samples"), 1);
        int threads = positive("--threads", a.option("--threads"), Sgemm.threads());
        String method = a.option("--method") == null ? "all" : a.option("--method");
        boolean composed = method.equals(COMPOSED) || ComposedBenchmark.METHODS.contains(method);
        int repeats = positive("--repeats", a.option("--repeats"), a.has("--kernel") || composed ? 5 : 3);
        long seed = a.option("--seed") == null ? 42 : longValue("--seed", a.option("--seed"));
        double warmup = a.option("--warmup") == null ? 5 : seconds("--warmup", a.option("--warmup"));
        Sgemm.setThreads(threads);
        if (a.has("--gradient-variance")) {
            if (!params.isEmpty() || a.option("--method") != null || a.has("--kernel")) {
                throw new CredenceInputException("bench: --gradient-variance measures bbb's three estimators; it takes no"
                        + " --method, --param or --kernel");
            }
            int draws = positive("--draws", a.option("--draws"), 200);
            if (draws < 2) {
                throw new CredenceInputException("bench: --draws needs a whole number ≥ 2, got '" + a.option("--draws") + "'");
            }
            double rhoInit = a.option("--rho-init") == null ? -3 : number("--rho-init", a.option("--rho-init"));
            BenchData data = BenchData.load(batch, seed);
            err.println("bench: gradient variance, " + data.description() + ", " + batch + " rows, hidden " + hidden + ", "
                    + draws + " draws, ρ = " + rhoInit + ", " + threads + " threads");
            for (ObjectNode o : new GradientVariance(data, hidden, batch, rhoInit, draws, seed).measure()) {
                out.println(o.toString());
                out.flush();
            }
            return;
        } else if (a.option("--draws") != null || a.option("--rho-init") != null) {
            throw new CredenceInputException("bench: --draws and --rho-init are for --gradient-variance");
        }
        if (a.has("--kernel")) {
            if (!params.isEmpty()) {
                throw new CredenceInputException("bench: --param sets method hyperparameters; --kernel runs no method");
            }
            List<Integer> widths = Flops.widths(BenchData.FEATURES, hidden, BenchData.CLASSES);
            for (ObjectNode o : new KernelBenchmark(threads, repeats).measure(KernelBenchmark.protocolShapes(batch, widths))) {
                out.println(o.toString());
                out.flush();
            }
            return;
        }
        MethodRegistry registry = MethodRegistry.discover();
        if (composed) {
            runComposed(method, a, new BenchSettings(hidden, batch, examples, samples, threads, repeats, seed,
                    Math.min(examples, 10_000), warmup), params, registry, out, err);
            return;
        } else if (a.option("--held-out") != null || a.option("--members") != null || a.option("--swag-epochs") != null) {
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
                Math.min(examples, 10_000), warmup);
        String undeclared = MethodBenchmark.undeclared(providers, params);
        if (undeclared != null) {
            throw new CredenceInputException(undeclared);
        }
        BenchData data = BenchData.load(examples, seed);
        MethodBenchmark bench = new MethodBenchmark(settings, data, params);
        for (MethodProvider p : providers) {
            bench.hyperParameters(p); // every value through the method's validation before anything is timed
        }
        err.println("bench: " + data.description() + ", " + examples + " examples, hidden " + hidden + ", batch " + batch
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

    /** {@code --method composed}: every method of {@link ComposedBenchmark#METHODS}. */
    static final String COMPOSED = "composed";

    private static void runComposed(String method, Arguments a, BenchSettings settings, Map<String, String> params,
                                    MethodRegistry registry, PrintStream out, PrintStream err) {
        if (!params.isEmpty()) {
            throw new CredenceInputException("bench: --param does not apply to --method " + method + "; its settings are"
                    + " --members, --swag-epochs, --held-out and the network options");
        }
        ComposedSettings composed = new ComposedSettings(positive("--held-out", a.option("--held-out"), 10_000),
                positive("--members", a.option("--members"), 3), atLeastTwo("--swag-epochs", a.option("--swag-epochs"), 10));
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

    private static int atLeastTwo(String option, String value, int def) {
        int v = positive(option, value, def);
        if (v < 2) {
            throw new CredenceInputException("bench: " + option + " needs a whole number ≥ 2 (SWAG needs two iterates), got '" + value + "'");
        }
        return v;
    }

    /**
     * @param args every argument
     * @param rest receives the arguments other than {@code --param NAME=VALUE} pairs
     * @return the pairs, by name (a repeated name is an error)
     */
    static Map<String, String> params(List<String> args, List<String> rest) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--param")) {
                rest.add(args.get(i));
                continue;
            }
            String pair = i + 1 < args.size() ? args.get(++i) : "";
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CredenceInputException("bench: --param needs NAME=VALUE, got '" + pair + "'");
            }
            String name = pair.substring(0, eq).trim();
            if (params.put(name, pair.substring(eq + 1)) != null) {
                throw new CredenceInputException("bench: --param " + name + " is given twice");
            }
        }
        return params;
    }

    private static int positive(String option, String value, int def) {
        if (value == null) {
            return def;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CredenceInputException("bench: " + option + " needs a whole number ≥ 1, got '" + value + "'");
    }

    private static double seconds(String option, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (v >= 0 && v <= 3600) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CredenceInputException("bench: " + option + " needs seconds in [0, 3600], got '" + value + "'");
    }

    private static double number(String option, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CredenceInputException("bench: " + option + " needs a finite number, got '" + value + "'");
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new CredenceInputException("bench: " + option + " needs a whole number, got '" + value + "'");
        }
    }

    private static List<Integer> intList(String option, String value, List<Integer> def) {
        if (value == null) {
            return def;
        }
        List<Integer> widths = new ArrayList<>();
        for (String part : value.split(",")) {
            widths.add(positive(option, part, 1));
        }
        return List.copyOf(widths);
    }
}
