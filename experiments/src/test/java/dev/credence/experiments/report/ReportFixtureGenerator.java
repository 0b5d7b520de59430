package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.datasets.PreparedData;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.UncertaintyGrid;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.run.DataCache;
import dev.credence.experiments.run.PlannedRun;
import dev.credence.experiments.run.RunExecutor;
import dev.credence.experiments.run.RunPlanner;
import dev.credence.experiments.run.RunScorer;
import dev.credence.experiments.suite.RunSpec;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;
import org.ejml.data.FMatrixRMaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only: writes the small results folder behind {@code ReportBuilderTest}
 * ({@code src/test/resources/report/fixture-results}). Not a test, run by hand:
 * <pre>{@code
 * java -cp <test classpath> dev.credence.experiments.report.ReportFixtureGenerator OUT_DIR [grid] [points] [seeds]
 * }</pre>
 * The {@code map} runs are real (the harness's RunExecutor, plus the three per-example keys computed from the
 * same fit). The other methods are STAND-INS, because this module only has the map method on its class path:
 * an ensemble of four map networks with Gaussian logit noise, labelled mc-dropout / bbb / sgld / pruned-bbb so
 * that every code path of the report runs (sampled predictives with non-zero mutual information, bbb's KL/ELBO
 * curve terms, a pruning sweep, a diverged run). Their numbers are not research results.
 */
public final class ReportFixtureGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MEMBERS = 4;
    private static final double[] PRUNE = {0.0, 0.5, 0.75, 0.9, 0.95, 0.98};

    private static boolean gridAll;
    private static final String BALANCED =
            "{\"name\": \"moons-balanced\", \"source\": \"two-moons\", \"params\": {\"counts\": [250, 250], \"noise\": 0.2}},";

    private ReportFixtureGenerator() {
    }

    /** A stand-in method: ensemble members with logit noise and a temperature. */
    record StandIn(String name, double noise, double temperature, String description) {
    }

    private static final List<StandIn> STAND_INS = List.of(
            new StandIn("mc-dropout", 0.5, 1.0, "STAND-IN for report tests: 4 map networks + logit noise 0.5 (not MC dropout)"),
            new StandIn("bbb", 0.9, 1.3, "STAND-IN for report tests: 4 map networks + logit noise 0.9, T 1.3 (not Bayes by Backprop)"),
            new StandIn("sgld", 0.7, 1.1, "STAND-IN for report tests: 4 map networks + logit noise 0.7, T 1.1 (not SGLD)"),
            new StandIn("pruned-bbb", 0.9, 1.3, "STAND-IN for report tests: the bbb stand-in, 'pruned' by growing noise (not SNR pruning)"));

    /** Ensemble + noise predictive: sample s uses member s mod M and its own noise stream. */
    static final class NoisyEnsemble implements Predictive {
        private static final long serialVersionUID = 1L;
        private final List<Predictive> members;
        private final double noise;
        private final double temperature;
        private final long seed;

        NoisyEnsemble(List<Predictive> members, double noise, double temperature, long seed) {
            this.members = members;
            this.noise = noise;
            this.temperature = temperature;
            this.seed = seed;
        }

        @Override
        public int numClasses() {
            return members.get(0).numClasses();
        }

        @Override
        public boolean stochastic() {
            return true;
        }

        /** Test predictive defined by its probabilities: its logits are their logarithms. */
        @Override
        public dev.credence.core.spi.LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
            return dev.credence.core.spi.LogitSamples.ofProbabilities(sample(x, samples));
        }

        @Override
        public PredictiveSamples sample(FMatrixRMaj x, int samples) {
            int k = numClasses();
            int n = x.numRows;
            float[][] base = new float[members.size()][];
            for (int m = 0; m < members.size(); m++) {
                base[m] = members.get(m).sample(x, 1).probs()[0];
            }
            float[][] out = new float[samples][n * k];
            double[] z = new double[k];
            for (int s = 0; s < samples; s++) {
                Rng rng = new Rng(seed * 1000 + s);
                float[] p = base[s % members.size()];
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        z[c] = (Math.log(Math.max(p[i * k + c], 1e-12)) + noise * rng.nextGaussian()) / temperature;
                        max = Math.max(max, z[c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        z[c] = Math.exp(z[c] - max);
                        sum += z[c];
                    }
                    for (int c = 0; c < k; c++) {
                        out[s][i * k + c] = (float) (z[c] / sum);
                    }
                }
            }
            return new PredictiveSamples(n, k, out);
        }
    }

    /**
     * @param args OUT_DIR [grid resolution, default 20] [max grid points, default 120] [seeds, default 2] ["full":
     *             a fourth, balanced dataset, grids on every 2-D dataset and complete variant metrics]
     * @throws IOException on write errors
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int grid = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int points = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        gridAll = args.length > 4 && args[4].equals("full");
        Files.createDirectories(out);
        StringBuilder seedList = new StringBuilder();
        for (int s = 0; s < seeds; s++) {
            seedList.append(s == 0 ? "" : ",").append(s);
        }
        String suiteJson = """
                {"name": "report-fixture",
                 "description": "Fixture for the report test: real map runs, stand-ins for the other methods.",
                 "seeds": [%s], "bins": 10,
                 "datasets": [
                  %s
                  {"name": "moons-rho3", "source": "two-moons", "params": {"counts": [250, 250], "noise": 0.2}, "imbalance": "step(0.5,3)"},
                  {"name": "moons-rho10", "source": "two-moons", "params": {"counts": [250, 250], "noise": 0.2}, "imbalance": "step(0.5,10)"},
                  {"name": "blobs-longtail20", "source": "blobs", "params": {"counts": [200, 200, 200, 200], "dim": 2, "std": 1.6}, "imbalance": "longtail(20)"}
                 ],
                 "methods": [{"method": "map", "params": {"hidden": [32], "epochs": 15, "batch_size": 32, "learning_rate": 0.01}}]}
                """.formatted(seedList, gridAll ? BALANCED : "");
        Path suiteFile = Files.createTempFile("report-fixture", ".json");
        Files.writeString(suiteFile, suiteJson);
        Suite suite = SuiteLoader.load(suiteFile);
        MethodRegistry registry = MethodRegistry.discover();
        ValidatedSuite validated = new SuiteValidator(registry, DatasetRegistry.standard()).validate(suiteFile, suite);
        DataCache cache = new DataCache();
        List<PlannedRun> plan = new RunPlanner(cache).plan(validated);
        RunExecutor executor = new RunExecutor(plan, cache);
        MethodProvider map = registry.get("map");
        for (PlannedRun run : plan) {
            RunSpec spec = run.spec();
            RunResult base = executor.execute(run, TrainingListener.NONE);
            PreparedData data = run.dataset().prepare(base.dataset().prepared().dataSeed());
            long methodSeed = base.method().methodSeed();
            List<Predictive> members = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++) {
                FitResult fit = map.create("fixture", spec.method().params(), methodSeed + m)
                        .fit(data.train(), data.validation(), TrainingListener.NONE);
                members.add(fit.predictive());
            }
            boolean withGrid = spec.seed() == 0 && UncertaintyGrid.applies(data.train())
                    && (gridAll || !spec.dataset().name().equals("moons-rho3"));
            // the real map run, plus the per-example parts of the same (deterministic) fit
            RunResult.Metrics metrics = score(members.get(0), data, 1, suite.bins());
            check(base.metrics(), metrics);
            RunResult.Scored b = base.scored();
            RunResult mapRun = withScored(base, base.runId(), base.method(), base.provenance(),
                    new RunResult.Scored(b.testSamples(), metrics, b.variants(), b.sweeps(),
                            withGrid ? UncertaintyGrid.compute(members.get(0), data.train(), 1, grid, points) : null,
                            b.extras(), b.trainingCurve()));
            write(out, compact(mapRun));
            for (StandIn s : STAND_INS) {
                if (!gridAll && s.name().equals("mc-dropout")) {
                    continue; // the committed fixture keeps three stand-ins, to keep the test fast
                }
                write(out, compact(standIn(base, s, members, data, suite.bins(), withGrid, grid, points, spec.seed())));
            }
        }
        Files.deleteIfExists(suiteFile);
    }

    /** @return the result with another id, method, provenance and scored part (status ok), timings kept */
    private static RunResult withScored(RunResult r, String runId, RunResult.Method method, ObjectNode provenance,
                                        RunResult.Scored scored) {
        return new RunResult(r.format(), r.suite(), runId, r.seed(), r.fingerprint(), r.config(), r.dataset(), method,
                provenance, r.bins(), RunResult.Status.OK, scored, null, null, r.timings());
    }

    private static RunResult standIn(RunResult base, StandIn s, List<Predictive> members, PreparedData data,
                                     int bins, boolean withGrid, int grid, int points, long seed) {
        String runId = base.runId().replace("__map__", "__" + s.name() + "__");
        ObjectNode params = base.method().params().deepCopy();
        params.put("stand_in_members", MEMBERS);
        params.put("stand_in_logit_noise", s.noise());
        params.put("stand_in_temperature", s.temperature());
        RunResult.Method method = new RunResult.Method(s.name(), s.name(), s.description(), base.method().methodSeed(),
                null, null, params);
        ObjectNode provenance = base.provenance().deepCopy();
        provenance.put("class-name", ReportFixtureGenerator.class.getName() + "$StandIn");
        long noiseSeed = (s.name().hashCode() & 0xffffL) * 31 + seed;
        boolean diverge = s.name().equals("sgld") && seed == 1 && base.dataset().name().equals("moons-rho10");
        if (diverge) {
            return new RunResult(base.format(), base.suite(), runId, base.seed(), base.fingerprint(), base.config(),
                    base.dataset(), method, provenance, base.bins(), RunResult.Status.DIVERGED, null,
                    new RunResult.Divergence("sgld", 7, 96, 1234.5,
                            "sgld: loss is NaN at epoch 7, step 96 (stand-in divergence for the report test)"),
                    null, RunResult.Timings.training(0.1));
        }
        int samples = 16;
        NoisyEnsemble p = new NoisyEnsemble(members, s.noise(), s.temperature(), noiseSeed);
        ObjectNode extras = MAPPER.createObjectNode();
        List<RunResult.SweepResult> sweeps = new ArrayList<>();
        if (s.name().equals("pruned-bbb")) {
            List<RunResult.SweepPoint> sweepPoints = new ArrayList<>();
            ArrayNode pruning = extras.putArray("pruning");
            int weights = 2 * 32 + 32 * data.classNames().size();
            for (double f : PRUNE) {
                double noise = s.noise() + 4.0 * Math.pow(f, 6);
                double temp = s.temperature() * (1 + 2.0 * Math.pow(f, 8));
                RunResult.Metrics v = score(new NoisyEnsemble(members, noise, temp, noiseSeed), data, samples, bins);
                if (!gridAll) {
                    // the fixture keeps only the scalar metrics of a sweep point (the report reads no more of them)
                    v = new RunResult.Metrics(v.values(), v.bins(), v.n(), v.numClasses(), null, null, null, null);
                }
                sweepPoints.add(new RunResult.SweepPoint(f, false, v));
                int removed = (int) Math.floor(f * weights);
                ObjectNode lvl = pruning.addObject();
                lvl.put("fraction", f);
                lvl.put("removed_weights", removed);
                lvl.put("kept_weights", weights - removed);
                lvl.put("kept_parameters", weights - removed + 32 + data.classNames().size());
            }
            sweeps.add(new RunResult.SweepResult("pruned_fraction", "fraction of weights removed, lowest |μ|/σ first",
                    sweepPoints));
        }
        List<RunResult.Epoch> curve = new ArrayList<>();
        int n = data.train().size();
        for (RunResult.Epoch e : base.scored().trainingCurve()) {
            int epoch = e.epoch();
            double nll = e.terms().get("nll") * (1 + s.noise() / 4);
            Map<String, Double> c = new LinkedHashMap<>();
            switch (s.name()) {
                case "bbb", "pruned-bbb" -> {
                    double kl = 4000 * Math.exp(-epoch / 6.0) + 900;
                    c.put("loss", nll + kl / n);
                    c.put("nll", nll);
                    c.put("kl", kl);
                    c.put("elbo", -(nll + kl / n));
                }
                case "sgld" -> {
                    c.put("loss", n * nll + 40);
                    c.put("nll", nll);
                }
                default -> {
                    c.put("loss", nll + 0.02);
                    c.put("nll", nll);
                    c.put("weight_decay", 0.02);
                }
            }
            curve.add(new RunResult.Epoch(epoch, c));
        }
        RunResult.Scored scored = new RunResult.Scored(samples, score(p, data, samples, bins), Map.of(), sweeps,
                withGrid ? UncertaintyGrid.compute(p, data.train(), samples, grid, points) : null, extras, curve);
        return withScored(base, runId, method, provenance, scored);
    }

    static RunResult.Metrics score(Predictive p, PreparedData data, int samples, int bins) {
        PredictiveSamples s = p.sample(data.test().x(), samples);
        ProbabilisticPredictions predictions = ProbabilisticPredictions.fromSamples(data.test().y(), s.probs(), s.n(), s.k());
        return RunScorer.metrics(predictions, dev.credence.experiments.metrics.VarianceSplit.of(s.probs(),
                predictions.meanProbs()), bins);
    }

    private static void check(RunResult.Metrics expected, RunResult.Metrics actual) {
        for (String k : List.of("accuracy", "nll", "ece")) {
            if (!expected.metric(k).equals(actual.metric(k))) {
                throw new IllegalStateException("re-fit map differs from the executor's run in " + k);
            }
        }
    }

    /** Drops per-epoch wall times (not used by the report) and rounds doubles to 6 significant digits. */
    private static ObjectNode compact(RunResult r) {
        RunResult.Timings t = r.timings();
        RunResult without = t == null ? r : new RunResult(r.format(), r.suite(), r.runId(), r.seed(), r.fingerprint(),
                r.config(), r.dataset(), r.method(), r.provenance(), r.bins(), r.status(), r.scored(), r.divergence(),
                r.error(), new RunResult.Timings(t.trainSeconds(), t.trainingLoopSeconds(), t.trainExamplesPerSecond(),
                t.predictSeconds(), t.inferenceExamplesPerSecond(), null));
        ObjectNode json = without.toJson();
        round(json);
        return json;
    }

    private static void round(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                JsonNode v = o.get(f);
                if (v.isDouble()) {
                    o.put(f, sig(v.asDouble()));
                } else {
                    round(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isDouble()) {
                    a.set(i, MAPPER.getNodeFactory().numberNode(sig(v.asDouble())));
                } else {
                    round(v);
                }
            }
        }
    }

    private static double sig(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    private static void write(Path out, ObjectNode r) throws IOException {
        Files.writeString(out.resolve(r.path("run_id").asText() + ".json"), MAPPER.writeValueAsString(r) + "\n");
    }

}
