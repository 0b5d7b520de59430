package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.prep.ImbalanceProfile;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.metrics.UncertaintyGrid;
import dev.credence.experiments.results.ResultStore;
import dev.credence.experiments.suite.DatasetEntry;
import dev.credence.experiments.suite.RunSpec;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.results.Fingerprint;
import dev.credence.experiments.suite.MethodResolver;
import dev.credence.experiments.suite.ResolvedMethod;
import dev.credence.experiments.suite.Suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Executes one run: prepares the data (split, imbalance, standardization — seeded by the run seed alone, so
 * every method of a seed sees the same data), builds the trainer from the method's hyperparameters, fits,
 * samples the predictive on the test part, scores it, and returns the result JSON. A divergence is recorded
 * as {@code "status": "diverged"} with method, epoch, step and last finite loss.
 */
public final class RunExecutor {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DATA_CACHE = 4;

    private final MethodRegistry methods;
    private final SuiteValidator validator;
    private SharedFits sharedFits;
    private String sharedFor;
    private final Map<String, RunShape> shapes = new HashMap<>();
    private final Map<String, PreparedData> dataCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedData> eldest) {
            return size() > DATA_CACHE;
        }
    };

    /**
     * @param methods   discovered methods
     * @param validator resolves dataset entries to sources
     */
    public RunExecutor(MethodRegistry methods, SuiteValidator validator) {
        this.methods = methods;
        this.validator = validator;
    }

    /**
     * Seeds derived from a run seed: one for the data, one for a method trained from scratch (also when it is a base,
     * so a base is the fit its own row makes), one for a composed method's own draws.
     */
    record Seeds(long data, long method, long own) {
        static Seeds of(long runSeed) {
            Rng root = new Rng(runSeed);
            return new Seeds(root.nextSeed(), root.nextSeed(), root.nextSeed());
        }
    }

    /**
     * A run as the suite asks for it now: its spec, its resolved method (with its bases), the resolved configuration
     * (method, every hyperparameter, any base, dataset and its parameters, imbalance, split, seed, bins, S, and the
     * SHA-256 of every data file read) and that configuration's fingerprint.
     *
     * @param spec        the run
     * @param method      its method, resolved
     * @param config      the resolved configuration
     * @param fingerprint {@link Fingerprint} of {@code config}
     */
    public record PlannedRun(RunSpec spec, ResolvedMethod method, ObjectNode config, String fingerprint) {
        /** @return the run id */
        public String id() {
            return spec.id();
        }

        /** @return the run's method provider */
        public MethodProvider provider() {
            return method.provider();
        }
    }

    /**
     * Plans every run of a suite before any training: prepares every dataset for every seed (so a bad file or a split
     * that a class is too small for stops the suite in its first second rather than hours into it), resolves every
     * method's hyperparameters once, runs every method's shape and feasibility rules on every dataset × seed, refuses a
     * run whose estimated peak heap ({@link RunBudget}) the JVM cannot hold, and fingerprints every run.
     *
     * @param suite the suite (validated)
     * @return its runs in run order
     */
    public List<PlannedRun> plan(Suite suite) {
        return plan(suite, MethodResolver.resolve("suite '" + suite.name() + "'", methods, suite.methods()));
    }

    /**
     * As {@link #plan(Suite)} with the suite's methods already resolved ({@link SuiteValidator#validate}).
     *
     * @param suite    the suite (validated)
     * @param resolved its method entries resolved, by name
     * @return its runs in run order
     */
    public List<PlannedRun> plan(Suite suite, Map<String, ResolvedMethod> resolved) {
        Map<String, ObjectNode> data = new LinkedHashMap<>();
        Map<String, PreparedData> prepared = new LinkedHashMap<>();
        for (DatasetEntry d : suite.datasets()) {
            for (long seed : suite.seeds()) {
                PreparedData p = prepare(d, Seeds.of(seed).data());
                data.put(d.name() + "#" + seed, dataConfig(d, p));
                prepared.put(d.name() + "#" + seed, p);
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        List<PlannedRun> out = new ArrayList<>();
        for (RunSpec spec : suite.runs()) {
            ResolvedMethod method = resolved.get(spec.method().name());
            String key = spec.dataset().name() + "#" + spec.seed();
            String context = "dataset '" + spec.dataset().name() + "' × method '" + spec.method().name() + "'";
            RunBudget.require(budget(method, prepared, key, suite.testSamples(), context), maxHeap, context);
            PreparedData p = prepared.get(key);
            shapes.put(spec.id(), RunShape.of(p.train(), p.validation(), p.test(), 1));
            ObjectNode config = MAPPER.createObjectNode();
            config.set("method", method.config());
            config.set("dataset", data.get(key));
            config.put("seed", spec.seed());
            config.put("bins", suite.bins());
            if (suite.testSamples() != null) {
                config.put("test_samples", suite.testSamples());
            } else {
                config.putNull("test_samples");
            }
            out.add(new PlannedRun(spec, method, config, Fingerprint.of(config)));
        }
        sharedFits = new SharedFits(out);
        return out;
    }

    /**
     * @param run a run of the last plan
     * @return its data's shape (S = 1), as its method's preflight saw it
     */
    public RunShape shape(PlannedRun run) {
        RunShape shape = shapes.get(run.id());
        if (shape == null) {
            throw new IllegalStateException("plan the suite before asking for a run's shape: " + run.id());
        }
        return shape;
    }

    /** @return fits of methods trained from scratch made so far by runs of the last plan (a shared base counts once) */
    public int freshFits() {
        return sharedFits == null ? 0 : sharedFits.freshFits();
    }

    /** A method's rules and estimate on a run: its own, with its bases' inside (recursively). */
    private record Estimate(Footprint footprint, int samples) {
        static Estimate of(ResolvedMethod m, IntFunction<RunShape> shape, Integer requested) {
            if (m.base() == null) {
                int s = m.provider().predictiveSamples(m.params(), requested);
                return new Estimate(m.provider().preflight(m.params(), shape.apply(s)), s);
            }
            Estimate base = of(m.base(), shape, requested);
            int s = m.composer().predictiveSamples(m.params(), requested, base.samples());
            return new Estimate(m.composer().preflight(m.params(), shape.apply(s), base.footprint()), s);
        }
    }

    /** Runs the method's (and its bases') shape and feasibility rules on a run's data and estimates its peak heap. */
    private static Footprint budget(ResolvedMethod method, Map<String, PreparedData> prepared, String key,
                                    Integer requestedSamples, String context) {
        PreparedData data = prepared.get(key);
        try {
            Estimate e = Estimate.of(method, s -> RunShape.of(data.train(), data.validation(), data.test(), s), requestedSamples);
            long cached = prepared.entrySet().stream().filter(x -> !x.getKey().equals(key))
                    .mapToLong(x -> RunBudget.bytes(x.getValue())).boxed()
                    .sorted(java.util.Comparator.reverseOrder()).limit(DATA_CACHE - 1).mapToLong(Long::longValue).sum();
            return RunBudget.of(e.footprint(), data, cached, e.samples());
        } catch (CredenceInputException e) {
            throw new CredenceInputException(context + ": " + e.getMessage(), e);
        }
    }

    /** @return the dataset part of a run's configuration, with the digests of the data it was prepared from */
    private ObjectNode dataConfig(DatasetEntry d, PreparedData prepared) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("source", d.source());
        if (d.params() != null) {
            c.set("params", d.params());
        }
        c.put("imbalance", d.imbalance());
        switch (prepared.testSet()) {
            case SEPARATE_FILE -> c.put("test_source", d.testSource());
            case OFFICIAL -> c.put("test_source", "official test set");
            case SPLIT -> c.put("test_fraction", d.testFraction());
        }
        c.put("validation_fraction", d.validationFraction());
        c.put("standardize", d.standardize());
        ObjectNode digests = c.putObject("content_sha256");
        digests.put("source", prepared.sourceDigest());
        if (prepared.testSourceDigest() != null) {
            digests.put("test_source", prepared.testSourceDigest());
        }
        return c;
    }

    /**
     * @param run      the planned run
     * @param listener progress of training
     * @return the complete result JSON
     * @throws RuntimeException when the run fails (its data changed since planning, the method failed): the caller
     *     records it with {@link #failed}
     */
    public ObjectNode execute(PlannedRun run, TrainingListener listener) {
        RunSpec spec = run.spec();
        Seeds seeds = Seeds.of(spec.seed());
        PreparedData data = prepare(spec.dataset(), seeds.data());
        ObjectNode planned = (ObjectNode) run.config().get("dataset");
        ObjectNode now = dataConfig(spec.dataset(), data);
        if (!now.equals(planned)) {
            throw new CredenceInputException(spec.dataset().source() + ": the data changed since the suite started ("
                    + planned.path("content_sha256") + " then, " + now.path("content_sha256") + " now); run the suite again");
        }
        UncertaintyTrainer trainer = run.method().trainer(seeds.method(), seeds.own());
        ObjectNode result = header(run, trainer, data, seeds);
        long start = System.nanoTime();
        FitResult fit;
        try {
            fit = sharedFits(spec).fit(run, data, seeds, listener);
        } catch (DivergenceException e) {
            result.put("status", "diverged");
            ObjectNode d = result.putObject("divergence");
            d.put("method", e.method());
            d.put("epoch", e.epoch());
            d.put("step", e.step());
            if (Double.isFinite(e.lastFiniteLoss())) {
                d.put("last_finite_loss", e.lastFiniteLoss());
            } else {
                d.putNull("last_finite_loss");
            }
            d.put("message", e.getMessage());
            result.putObject("timings").put("train_seconds", seconds(start));
            return result;
        }
        double trainSeconds = seconds(start);
        int samples = spec.suite().testSamples() != null ? spec.suite().testSamples() : fit.testSamples();
        long predictStart = System.nanoTime();
        PredictiveSamples predicted = fit.predictive().sample(data.test().x(), samples);
        double predictSeconds = seconds(predictStart);
        ObjectNode report = score(predicted, data, spec.suite().bins());

        result.put("status", "ok");
        result.put("test_samples", predicted.sampleCount());
        predicted = null; // the S × N × K samples are released before the variants are sampled
        result.set("metrics", report);
        if (!fit.variants().isEmpty()) {
            ObjectNode variants = result.putObject("variants");
            for (Map.Entry<String, Predictive> v : fit.variants().entrySet()) {
                variants.set(v.getKey(), score(v.getValue().sample(data.test().x(), samples), data, spec.suite().bins()));
            }
        }
        if (!fit.sweeps().isEmpty()) {
            // each sweep with its points in the method's order; a point whose predictive is the headline itself is
            // not sampled again: its metrics are the headline's, and it says so
            ArrayNode sweeps = result.putArray("sweeps");
            for (dev.credence.core.spi.Sweep sweep : fit.sweeps()) {
                ObjectNode sw = sweeps.addObject();
                sw.put("axis", sweep.axis());
                sw.put("description", sweep.description());
                ArrayNode points = sw.putArray("points");
                for (dev.credence.core.spi.Sweep.Point point : sweep.points()) {
                    ObjectNode pt = points.addObject();
                    double v = point.value();
                    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                        pt.put("value", (long) v);
                    } else {
                        pt.put("value", v);
                    }
                    boolean headline = point.predictive() == fit.predictive();
                    if (headline) {
                        pt.put("headline", true);
                    }
                    pt.set("metrics", headline ? report.deepCopy()
                            : score(point.predictive().sample(data.test().x(), samples), data, spec.suite().bins()));
                }
            }
        }
        if (UncertaintyGrid.applies(data.train())) {
            result.set("uncertainty_grid", UncertaintyGrid.toJson(fit.predictive(), data.train(), samples));
        }
        result.set("extras", MAPPER.valueToTree(fit.extras()));
        ArrayNode curve = result.putArray("training_curve");
        for (EpochRecord r : fit.history().epochs()) {
            ObjectNode e = curve.addObject();
            e.put("epoch", r.epoch());
            r.terms().forEach(e::put);
        }
        ObjectNode timings = result.putObject("timings");
        timings.put("train_seconds", trainSeconds);
        timings.put("training_loop_seconds", fit.history().seconds());
        timings.put("train_examples_per_s", fit.history().examplesPerSecond());
        timings.put("predict_seconds", predictSeconds);
        timings.put("inference_examples_per_s", data.test().size() / predictSeconds);
        ArrayNode epochSeconds = timings.putArray("epoch_seconds");
        fit.history().epochs().forEach(r -> epochSeconds.add(r.seconds()));
        return result;
    }

    /** Metrics plus the selective-prediction curve and entropy histograms the report draws. */
    private static ObjectNode score(PredictiveSamples s, PreparedData data, int bins) {
        ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(data.test().y(), s.probs(), s.n(), s.k());
        ObjectNode m = MetricSuite.compute(p, bins).toObjectNode();
        m.set("selective", SelectivePrediction.toJson(p));
        m.set("entropy_histogram", EntropyHistogram.toJson(p));
        return m;
    }

    /** @return the shared fits, emptied when the run belongs to another dataset and seed than the previous one */
    private SharedFits sharedFits(RunSpec spec) {
        if (sharedFits == null) {
            throw new IllegalStateException("execute a run of the last plan()");
        }
        String key = spec.dataset().name() + "\u0000" + spec.seed();
        if (!key.equals(sharedFor)) {
            sharedFits.clear();
            sharedFor = key;
        }
        return sharedFits;
    }

    /** @return the entry's data for a data seed, from the cache of the last few or prepared now */
    private PreparedData prepare(DatasetEntry d, long seed) {
        return dataCache.computeIfAbsent(d.name() + "#" + seed, key -> new DataPreparation(d.testFraction(),
                d.validationFraction(), ImbalanceProfile.parse(d.imbalance()), d.standardize())
                .prepare(validator.source(d), d.testSource() == null ? null : validator.testSource(d), d.name(), seed));
    }

    private ObjectNode header(PlannedRun run, UncertaintyTrainer trainer, PreparedData data, Seeds seeds) {
        RunSpec spec = run.spec();
        ObjectNode r = identity(run);
        ObjectNode ds = (ObjectNode) r.get("dataset");
        ds.put("data_seed", seeds.data());
        ds.put("features", data.train().numFeatures());
        ds.set("class_names", MAPPER.valueToTree(data.classNames()));
        ObjectNode counts = ds.putObject("class_counts");
        counts.set("train", MAPPER.valueToTree(data.trainCounts()));
        counts.set("validation", data.hasValidation() ? MAPPER.valueToTree(data.validationCounts()) : MAPPER.createArrayNode());
        counts.set("test", MAPPER.valueToTree(data.testCounts()));
        ObjectNode m = (ObjectNode) r.get("method");
        m.put("description", run.provider().description());
        m.put("method_seed", seeds.method());
        if (run.method().base() != null) {
            m.put("own_seed", seeds.own());
            m.put("base", run.method().base().name());
        }
        m.set("params", MAPPER.valueToTree(run.method().params().asMap()));
        r.set("provenance", MAPPER.valueToTree(ProvenanceUtil.convertToMap(trainer.getProvenance())));
        r.put("bins", spec.suite().bins());
        return r;
    }

    /** The fields every result has, whatever its status: what ran, on what, with which configuration. */
    private static ObjectNode identity(PlannedRun run) {
        RunSpec spec = run.spec();
        ObjectNode r = MAPPER.createObjectNode();
        r.put("format", ResultStore.FORMAT);
        r.put("suite", spec.suite().name());
        r.put("run_id", spec.id());
        r.put("seed", spec.seed());
        r.put("fingerprint", run.fingerprint());
        r.set("config", run.config());
        ObjectNode ds = r.putObject("dataset");
        ds.put("name", spec.dataset().name());
        ObjectNode dc = (ObjectNode) run.config().get("dataset");
        for (String key : List.of("source", "params", "imbalance", "test_source", "test_fraction", "validation_fraction", "standardize")) {
            if (dc.has(key)) {
                ds.set(key, dc.get(key));
            }
        }
        ObjectNode m = r.putObject("method");
        m.put("name", spec.method().name());
        m.put("method", run.provider().name());
        return r;
    }

    /**
     * @param run   a run that failed
     * @param error why
     * @return its result: status {@code failed}, dataset, method and a one-line message
     */
    public static ObjectNode failed(PlannedRun run, Throwable error) {
        ObjectNode r = identity(run);
        r.put("status", "failed");
        ObjectNode e = r.putObject("error");
        e.put("message", message(error));
        e.put("type", error instanceof CredenceInputException ? "input" : error.getClass().getName());
        return r;
    }

    /** @return a failure in one line: the user's mistake as it is, anything else with its type */
    public static String message(Throwable error) {
        String m = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        if (error instanceof CredenceInputException || error instanceof SharedFits.BaseFitFailed) {
            return m;
        }
        if (error instanceof OutOfMemoryError) {
            return "out of memory (" + m + "); lower the run's sizes or raise -Xmx";
        }
        return "internal error: " + error.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return names of the result keys that vary between identical runs (wall-clock timings only) */
    public static List<String> nondeterministicKeys() {
        return List.of("timings");
    }
}
