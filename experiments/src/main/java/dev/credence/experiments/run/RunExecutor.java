package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
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

    /** Seeds derived from a run seed: one for the data, one for the method. */
    record Seeds(long data, long method) {
        static Seeds of(long runSeed) {
            Rng root = new Rng(runSeed);
            return new Seeds(root.nextSeed(), root.nextSeed());
        }
    }

    /**
     * Prepares every dataset of the suite for every seed before any training, so a bad file or a split that a
     * class is too small for stops the suite in its first second rather than hours into it.
     *
     * @param suite the suite
     */
    public void preflight(dev.credence.experiments.suite.Suite suite) {
        for (DatasetEntry d : suite.datasets()) {
            for (long seed : suite.seeds()) {
                prepare(d, Seeds.of(seed).data());
            }
        }
    }

    /**
     * @param spec     the run
     * @param listener progress of training
     * @return the complete result JSON
     */
    public ObjectNode execute(RunSpec spec, TrainingListener listener) {
        Seeds seeds = Seeds.of(spec.seed());
        PreparedData data = prepare(spec.dataset(), seeds.data());
        MethodProvider provider = methods.get(spec.method().method());
        ResolvedParams params = HyperParameters.resolve("method '" + spec.method().name() + "'", provider.name(),
                provider.hyperParameters(), spec.method().params());
        UncertaintyTrainer trainer = provider.create(params, seeds.method());
        ObjectNode result = header(spec, provider, params, trainer, data, seeds);
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

    private PreparedData prepare(DatasetEntry d, long seed) {
        String key = d.name() + "#" + seed;
        PreparedData cached = dataCache.get(key);
        if (cached == null) {
            DataPreparation prep = new DataPreparation(d.testFraction(), d.validationFraction(),
                    ImbalanceProfile.parse(d.imbalance()), d.standardize());
            DatasetSource source = validator.source(d);
            if (source instanceof TrainTestSource official && d.testSource() == null) {
                cached = prep.prepareWithTest(official.load(seed), official.loadTest(seed), d.name(), seed);
            } else if (d.testSource() == null) {
                cached = prep.prepare(source, seed);
            } else {
                DatasetSource testSource = validator.testSource(d);
                DenseData pool = source.load(seed);
                DenseData test = TestSetAlignment.align(pool, d.source(), testSource.load(seed), d.testSource());
                cached = prep.prepareWithTest(pool, test, d.name(), seed);
            }
            dataCache.put(key, cached);
        }
        return cached;
    }

    private ObjectNode header(RunSpec spec, MethodProvider provider, ResolvedParams params,
                                     UncertaintyTrainer trainer, PreparedData data, Seeds seeds) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("format", ResultStore.FORMAT);
        r.put("suite", spec.suite().name());
        r.put("run_id", spec.id());
        r.put("seed", spec.seed());
        ObjectNode ds = r.putObject("dataset");
        ds.put("name", spec.dataset().name());
        ds.put("source", spec.dataset().source());
        if (spec.dataset().params() != null) {
            ds.set("params", spec.dataset().params());
        }
        ds.put("imbalance", spec.dataset().imbalance());
        if (spec.dataset().testSource() != null) {
            ds.put("test_source", spec.dataset().testSource());
        } else if (validator.source(spec.dataset()) instanceof TrainTestSource) {
            ds.put("test_source", "official test set");
        } else {
            ds.put("test_fraction", spec.dataset().testFraction());
        }
        ds.put("validation_fraction", spec.dataset().validationFraction());
        ds.put("standardize", spec.dataset().standardize());
        ds.put("data_seed", seeds.data());
        ds.put("features", data.train().numFeatures());
        ds.set("class_names", MAPPER.valueToTree(data.classNames()));
        ObjectNode counts = ds.putObject("class_counts");
        counts.set("train", MAPPER.valueToTree(data.trainCounts()));
        counts.set("validation", data.hasValidation() ? MAPPER.valueToTree(data.validationCounts()) : MAPPER.createArrayNode());
        counts.set("test", MAPPER.valueToTree(data.testCounts()));
        ObjectNode m = r.putObject("method");
        m.put("name", spec.method().name());
        m.put("method", provider.name());
        m.put("description", provider.description());
        m.put("method_seed", seeds.method());
        m.set("params", MAPPER.valueToTree(params.asMap()));
        r.set("provenance", MAPPER.valueToTree(ProvenanceUtil.convertToMap(trainer.getProvenance())));
        r.put("bins", spec.suite().bins());
        return r;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return names of the result keys that vary between identical runs (wall-clock timings only) */
    public static List<String> nondeterministicKeys() {
        return List.of("timings");
    }
}
