package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.DatasetSource;
import dev.credence.datasets.TrainTestSource;
import dev.credence.datasets.prep.TestSetAlignment;
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
import dev.credence.experiments.suite.MethodEntry;
import dev.credence.experiments.suite.Suite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<String, Prepared> dataCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
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

    /** Seeds derived from a run seed: one for the data, one for the method. */
    record Seeds(long data, long method) {
        static Seeds of(long runSeed) {
            Rng root = new Rng(runSeed);
            return new Seeds(root.nextSeed(), root.nextSeed());
        }
    }

    /**
     * A run as the suite asks for it now: its spec, validated hyperparameters, the resolved configuration (method,
     * every hyperparameter, dataset and its parameters, imbalance, split, seed, bins, S, and the SHA-256 of every data
     * file read) and that configuration's fingerprint.
     *
     * @param spec        the run
     * @param provider    its method
     * @param params      validated hyperparameters
     * @param config      the resolved configuration
     * @param fingerprint {@link Fingerprint} of {@code config}
     */
    public record PlannedRun(RunSpec spec, MethodProvider provider, ResolvedParams params, ObjectNode config,
                             String fingerprint) {
        /** @return the run id */
        public String id() {
            return spec.id();
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
        Map<String, ResolvedParams> params = new LinkedHashMap<>();
        for (MethodEntry m : suite.methods()) {
            MethodProvider provider = methods.get(m.method());
            params.put(m.name(), HyperParameters.resolve("method '" + m.name() + "'", provider.name(),
                    provider.hyperParameters(), m.params()));
        }
        Map<String, ObjectNode> data = new LinkedHashMap<>();
        Map<String, PreparedData> prepared = new LinkedHashMap<>();
        for (DatasetEntry d : suite.datasets()) {
            for (long seed : suite.seeds()) {
                Prepared p = prepare(d, Seeds.of(seed).data());
                data.put(d.name() + "#" + seed, dataConfig(d, p));
                prepared.put(d.name() + "#" + seed, p.data());
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        List<PlannedRun> out = new ArrayList<>();
        for (RunSpec spec : suite.runs()) {
            MethodProvider provider = methods.get(spec.method().method());
            ResolvedParams p = params.get(spec.method().name());
            String key = spec.dataset().name() + "#" + spec.seed();
            String context = "dataset '" + spec.dataset().name() + "' × method '" + spec.method().name() + "'";
            RunBudget.require(budget(provider, p, prepared, key, suite.testSamples(), context), maxHeap, context);
            ObjectNode config = MAPPER.createObjectNode();
            ObjectNode m = config.putObject("method");
            m.put("implementation", provider.name());
            m.set("params", MAPPER.valueToTree(p.asMap()));
            config.set("dataset", data.get(spec.dataset().name() + "#" + spec.seed()));
            config.put("seed", spec.seed());
            config.put("bins", suite.bins());
            if (suite.testSamples() != null) {
                config.put("test_samples", suite.testSamples());
            } else {
                config.putNull("test_samples");
            }
            out.add(new PlannedRun(spec, provider, p, config, Fingerprint.of(config)));
        }
        return out;
    }

    /** Runs the method's shape and feasibility rules on a run's data and estimates the run's peak heap. */
    private static Footprint budget(MethodProvider provider, ResolvedParams params, Map<String, PreparedData> prepared,
                                    String key, Integer requestedSamples, String context) {
        PreparedData data = prepared.get(key);
        try {
            int samples = provider.predictiveSamples(params, requestedSamples);
            Footprint own = provider.preflight(params, RunShape.of(data.train(), data.validation(), data.test(), samples));
            long cached = prepared.entrySet().stream().filter(e -> !e.getKey().equals(key))
                    .mapToLong(e -> RunBudget.bytes(e.getValue())).boxed()
                    .sorted(java.util.Comparator.reverseOrder()).limit(DATA_CACHE - 1).mapToLong(Long::longValue).sum();
            return RunBudget.of(own, data, cached, samples);
        } catch (CredenceInputException e) {
            throw new CredenceInputException(context + ": " + e.getMessage(), e);
        }
    }

    /** @return the dataset part of a run's configuration, with the digests of the data it was prepared from */
    private ObjectNode dataConfig(DatasetEntry d, Prepared prepared) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("source", d.source());
        if (d.params() != null) {
            c.set("params", d.params());
        }
        c.put("imbalance", d.imbalance());
        if (d.testSource() != null) {
            c.put("test_source", d.testSource());
        } else if (prepared.officialTest()) {
            c.put("test_source", "official test set");
        } else {
            c.put("test_fraction", d.testFraction());
        }
        c.put("validation_fraction", d.validationFraction());
        c.put("standardize", d.standardize());
        ObjectNode digests = c.putObject("content_sha256");
        digests.put("source", prepared.sourceDigest());
        if (prepared.testDigest() != null) {
            digests.put("test_source", prepared.testDigest());
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
        Prepared prepared = prepare(spec.dataset(), seeds.data());
        ObjectNode planned = (ObjectNode) run.config().get("dataset");
        ObjectNode now = dataConfig(spec.dataset(), prepared);
        if (!now.equals(planned)) {
            throw new CredenceInputException(spec.dataset().source() + ": the data changed since the suite started ("
                    + planned.path("content_sha256") + " then, " + now.path("content_sha256") + " now); run the suite again");
        }
        PreparedData data = prepared.data();
        UncertaintyTrainer trainer = run.provider().create(run.params(), seeds.method());
        ObjectNode result = header(run, trainer, data, seeds);
        long start = System.nanoTime();
        FitResult fit;
        try {
            fit = trainer.fit(data.train(), data.validation(), listener);
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

    /** Prepared data with the digests of the files it came from. */
    private record Prepared(PreparedData data, boolean officialTest, String sourceDigest, String testDigest) {
    }

    private Prepared prepare(DatasetEntry d, long seed) {
        String key = d.name() + "#" + seed;
        Prepared cached = dataCache.get(key);
        if (cached == null) {
            DataPreparation prep = new DataPreparation(d.testFraction(), d.validationFraction(),
                    ImbalanceProfile.parse(d.imbalance()), d.standardize());
            DatasetSource source = validator.source(d);
            if (source instanceof TrainTestSource official && d.testSource() == null) {
                PreparedData data = prep.prepareWithTest(official.load(seed), official.loadTest(seed), d.name(), seed);
                cached = new Prepared(data, true, source.contentDigest(), null);
            } else if (d.testSource() == null) {
                cached = new Prepared(prep.prepare(source, seed), false, source.contentDigest(), null);
            } else {
                DatasetSource testSource = validator.testSource(d);
                DenseData pool = source.load(seed);
                DenseData test = TestSetAlignment.align(pool, d.source(), testSource.load(seed), d.testSource());
                cached = new Prepared(prep.prepareWithTest(pool, test, d.name(), seed), false, source.contentDigest(),
                        testSource.contentDigest());
            }
            dataCache.put(key, cached);
        }
        return cached;
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
        m.set("params", MAPPER.valueToTree(run.params().asMap()));
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
        if (error instanceof CredenceInputException) {
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
