package dev.credence.experiments.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.ClassMetrics;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.ReferenceDistance;
import dev.credence.experiments.metrics.ReliabilityBin;
import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.metrics.VarianceSplit;
import dev.credence.experiments.metrics.UncertaintyGrid;
import dev.credence.experiments.results.RunConfig.DatasetConfig;
import dev.credence.experiments.results.RunConfig.Digests;
import dev.credence.experiments.results.RunConfig.MethodConfig;
import dev.credence.experiments.results.RunResult.Dataset;
import dev.credence.experiments.results.RunResult.Divergence;
import dev.credence.experiments.results.RunResult.Epoch;
import dev.credence.experiments.results.RunResult.Failure;
import dev.credence.experiments.results.RunResult.Method;
import dev.credence.experiments.results.RunResult.Metrics;
import dev.credence.experiments.results.RunResult.Prepared;
import dev.credence.experiments.results.RunResult.Scored;
import dev.credence.experiments.results.RunResult.Selective;
import dev.credence.experiments.results.RunResult.Status;
import dev.credence.experiments.results.RunResult.SweepPoint;
import dev.credence.experiments.results.RunResult.SweepResult;
import dev.credence.experiments.results.RunResult.Timings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of {@link RunResult} and {@link RunConfig}: every field name of the result format, the writer and the
 * reader. Keys are written in a fixed order (that of the record components); absent parts are left out, except
 * {@code config.test_samples}, {@code divergence.last_finite_loss} and undefined metrics, which are written as null.
 * Doubles are written at full precision, so a result reads back to the same numbers and its JSON to the same text.
 */
final class RunResultJson {
    static final String FORMAT = "format";
    private static final String FORMAT_FAMILY = "credence-run/";
    static final String SUITE = "suite";
    static final String RUN_ID = "run_id";
    static final String SEED = "seed";
    static final String FINGERPRINT = "fingerprint";
    static final String CONFIG = "config";
    static final String DATASET = "dataset";
    static final String METHOD = "method";
    static final String PROVENANCE = "provenance";
    static final String BINS = "bins";
    static final String STATUS = "status";
    static final String TEST_SAMPLES = "test_samples";
    static final String METRICS = "metrics";
    static final String VARIANTS = "variants";
    static final String SWEEPS = "sweeps";
    static final String SCALE = "scale";
    static final String UNCERTAINTY_GRID = "uncertainty_grid";
    static final String EXTRAS = "extras";
    static final String TRAINING_CURVE = "training_curve";
    static final String DIVERGENCE = "divergence";
    static final String ERROR = "error";
    static final String TIMINGS = "timings";
    static final String REFERENCE = "reference";
    private static final String AGREEMENT = "agreement";
    private static final String TOTAL_VARIATION = "total_variation";
    private static final String KL = "kl";

    // config.method, and the method part of a result
    private static final String IMPLEMENTATION = "implementation";
    private static final String REVISION = "revision";
    private static final String PARAMS = "params";
    private static final String BASE = "base";
    private static final String NAME = "name";
    static final String DESCRIPTION = "description";
    private static final String METHOD_SEED = "method_seed";
    private static final String OWN_SEED = "own_seed";

    // config.dataset, and the dataset part of a result
    private static final String SOURCE = "source";
    private static final String IMBALANCE = "imbalance";
    private static final String CLASS_ORDER = "class_order";
    private static final String TEST_PROFILE = "test_profile";
    private static final String SHIFTS = "shifts";
    private static final String SHIFT_SEVERITIES = "shift_severities";
    private static final String SHIFT_DEFINITION = "shift_definition";
    private static final String SHIFT = "shift";
    private static final String OOD = "ood";
    private static final String OOD_CLASSES = "ood_classes";
    private static final String SET = "set";
    private static final String INPUTS = "inputs";
    private static final String SCORES = "scores";
    private static final String AUROC = "auroc";
    private static final String AUPR_OUT = "aupr_out";
    private static final String AUPR_IN = "aupr_in";
    private static final String FPR95 = "fpr95";
    private static final String FPR95_THRESHOLD = "fpr95_threshold";
    private static final String FLAGGED_PER_CLASS = "fpr95_flagged_per_class";
    private static final String LEVEL = "level";
    private static final String REALISED_RATIO = "realised_ratio";
    private static final String TEST_SOURCE = "test_source";
    private static final String TEST_FRACTION = "test_fraction";
    private static final String VALIDATION_FRACTION = "validation_fraction";
    private static final String STANDARDIZE = "standardize";
    private static final String CONTENT_SHA256 = "content_sha256";
    private static final String LABEL_COLUMN = "label_column";
    private static final String MISSING = "missing";
    private static final String CATEGORICAL = "categorical";
    private static final String ROWS_DROPPED = "rows_dropped";
    private static final String DATA_SEED = "data_seed";
    private static final String FEATURES = "features";
    private static final String CLASS_NAMES = "class_names";
    private static final String CLASS_COUNTS = "class_counts";
    private static final String TRAIN = "train";
    private static final String VALIDATION = "validation";
    private static final String TEST = "test";

    // metrics
    private static final String N = "n";
    private static final String NUM_CLASSES = "num_classes";
    private static final String PER_CLASS = "per_class";
    private static final String CLASS = "class";
    private static final String COUNT = "count";
    private static final String ACCURACY = "accuracy";
    private static final String NLL = "nll";
    private static final String ECE = "ece";
    private static final String RELIABILITY = "reliability";
    private static final String BIN = "bin";
    private static final String LOWER = "lower";
    private static final String UPPER = "upper";
    private static final String CONFIDENCE = "confidence";
    private static final String SELECTIVE = "selective";
    private static final String SCORE = "score";
    private static final String COVERAGE = "coverage";
    private static final String ENTROPY_HISTOGRAM = "entropy_histogram";
    private static final String VARIANCE_SPLIT = "variance_split";
    private static final String ALEATORIC = "aleatoric";
    private static final String EPISTEMIC = "epistemic";
    private static final String MAX_ENTROPY = "max_entropy";
    private static final String CORRECT = "correct";
    private static final String WRONG = "wrong";

    // sweeps
    static final String AXIS = "axis";
    static final String POINTS = "points";
    static final String VALUE = "value";
    static final String HEADLINE = "headline";

    // uncertainty grid
    private static final String RESOLUTION = "resolution";
    private static final String SAMPLES = "samples";
    private static final String X = "x";
    private static final String Y = "y";
    private static final String ENTROPY = "entropy";
    private static final String MUTUAL_INFORMATION = "mutual_information";
    private static final String LABEL = "label";
    private static final String POINTS_TOTAL = "points_total";

    // training curve, divergence, error, timings
    private static final String EPOCH = "epoch";
    private static final String STEP = "step";
    private static final String LAST_FINITE_LOSS = "last_finite_loss";
    private static final String MESSAGE = "message";
    private static final String TYPE = "type";
    private static final String TRAIN_SECONDS = "train_seconds";
    private static final String TRAINING_LOOP_SECONDS = "training_loop_seconds";
    private static final String TRAIN_EXAMPLES_PER_S = "train_examples_per_s";
    private static final String PREDICT_SECONDS = "predict_seconds";
    private static final String SHIFT_SECONDS = "shift_seconds";
    private static final String INFERENCE_EXAMPLES_PER_S = "inference_examples_per_s";
    private static final String EPOCH_SECONDS = "epoch_seconds";

    /** The key of the Tribuo version in a trainer's provenance (Tribuo's, not ours). */
    static final String TRIBUO_VERSION = "tribuo-version";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunResultJson() {
    }

    // ---------------------------------------------------------------- writing

    /** @return the result's file content: its JSON, pretty-printed */
    static byte[] bytes(RunResult r) {
        try {
            return MAPPER.writeValueAsBytes(write(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize result " + r.runId(), e);
        }
    }

    static ObjectNode write(RunResult r) {
        ObjectNode o = F.objectNode();
        o.put(FORMAT, r.format());
        o.put(SUITE, r.suite());
        o.put(RUN_ID, r.runId());
        o.put(SEED, r.seed());
        if (r.fingerprint() != null) {
            o.put(FINGERPRINT, r.fingerprint());
        }
        if (r.config() != null) {
            o.set(CONFIG, config(r.config()));
        }
        o.set(DATASET, dataset(r.dataset()));
        o.set(METHOD, method(r.method()));
        if (r.provenance() != null) {
            o.set(PROVENANCE, r.provenance());
        }
        if (r.bins() != null) {
            o.put(BINS, r.bins());
        }
        o.put(STATUS, r.status().json());
        switch (r.status()) {
            case OK -> scored(o, r.scored());
            case DIVERGED -> o.set(DIVERGENCE, divergence(r.divergence()));
            case FAILED -> o.putObject(ERROR).put(MESSAGE, r.error().message()).put(TYPE, r.error().type());
        }
        if (r.timings() != null) {
            o.set(TIMINGS, timings(r.timings()));
        }
        return o;
    }

    static ObjectNode config(RunConfig c) {
        ObjectNode o = F.objectNode();
        o.set(METHOD, methodConfig(c.method()));
        o.set(DATASET, datasetConfig(F.objectNode(), c.dataset()));
        o.put(SEED, c.seed());
        o.put(BINS, c.bins());
        o.put(TEST_SAMPLES, c.testSamples());
        if (c.reference() != null) {
            o.putObject(REFERENCE).put(IMPLEMENTATION, c.reference().implementation())
                    .put(FINGERPRINT, c.reference().fingerprint());
        }
        return o;
    }

    static ObjectNode methodConfig(MethodConfig m) {
        ObjectNode o = F.objectNode();
        o.put(IMPLEMENTATION, m.implementation());
        if (m.revision() > 1) {
            o.put(REVISION, m.revision());
        }
        o.set(PARAMS, m.params());
        if (m.base() != null) {
            o.set(BASE, methodConfig(m.base()));
        }
        return o;
    }

    private static ObjectNode datasetConfig(ObjectNode o, DatasetConfig d) {
        putIfPresent(o, SOURCE, d.source());
        if (d.params() != null) {
            o.set(PARAMS, d.params());
        }
        putIfPresent(o, IMBALANCE, d.imbalance());
        if (d.classOrder() != null) {
            d.classOrder().forEach(o.putArray(CLASS_ORDER)::add);
        }
        putIfPresent(o, TEST_SOURCE, d.testSource());
        if (d.testFraction() != null) {
            o.put(TEST_FRACTION, d.testFraction());
        }
        putIfPresent(o, TEST_PROFILE, d.testProfile());
        if (d.shifts() != null) {
            d.shifts().names().forEach(o.putArray(SHIFTS)::add);
            d.shifts().severities().forEach(o.putArray(SHIFT_SEVERITIES)::add);
            if (d.shifts().definition() != null) {
                o.put(SHIFT_DEFINITION, d.shifts().definition().intValue());
            }
        }
        if (d.ood() != null) {
            if (!d.ood().heldOutClasses().isEmpty()) {
                d.ood().heldOutClasses().forEach(o.putArray(OOD_CLASSES)::add);
            }
            if (!d.ood().sets().isEmpty()) {
                d.ood().sets().forEach(o.putArray(OOD)::add);
            }
        }
        if (d.validationFraction() != null) {
            o.put(VALIDATION_FRACTION, d.validationFraction());
        }
        if (d.standardize() != null) {
            o.put(STANDARDIZE, d.standardize());
        }
        if (d.csv() != null) {
            putIfPresent(o, LABEL_COLUMN, d.csv().labelColumn());
            putIfPresent(o, MISSING, d.csv().missing());
            if (d.csv().categorical() != null) {
                d.csv().categorical().forEach(o.putArray(CATEGORICAL)::add);
            }
            if (d.csv().rowsDropped() != null) {
                ObjectNode dropped = o.putObject(ROWS_DROPPED);
                dropped.put(SOURCE, d.csv().rowsDropped().source());
                if (d.csv().rowsDropped().testSource() != null) {
                    dropped.put(TEST_SOURCE, d.csv().rowsDropped().testSource());
                }
            }
        }
        if (d.contentSha256() != null) {
            ObjectNode digests = o.putObject(CONTENT_SHA256);
            digests.put(SOURCE, d.contentSha256().source());
            putIfPresent(digests, TEST_SOURCE, d.contentSha256().testSource());
        }
        return o;
    }

    private static ObjectNode dataset(Dataset d) {
        ObjectNode o = F.objectNode();
        o.put(NAME, d.name());
        datasetConfig(o, d.config());
        Prepared p = d.prepared();
        if (p != null) {
            if (p.dataSeed() != null) {
                o.put(DATA_SEED, p.dataSeed());
            }
            o.put(FEATURES, p.features());
            ArrayNode names = o.putArray(CLASS_NAMES);
            p.classNames().forEach(names::add);
            ObjectNode counts = o.putObject(CLASS_COUNTS);
            counts.set(TRAIN, ints(p.trainCounts()));
            counts.set(VALIDATION, ints(p.validationCounts()));
            counts.set(TEST, ints(p.testCounts()));
            o.put(REALISED_RATIO, p.realisedRatio());
        }
        return o;
    }

    private static ObjectNode method(Method m) {
        ObjectNode o = F.objectNode();
        o.put(NAME, m.name());
        o.put(METHOD, m.implementation());
        putIfPresent(o, DESCRIPTION, m.description());
        if (m.methodSeed() != null) {
            o.put(METHOD_SEED, m.methodSeed());
        }
        if (m.ownSeed() != null) {
            o.put(OWN_SEED, m.ownSeed());
        }
        putIfPresent(o, BASE, m.base());
        if (m.params() != null) {
            o.set(PARAMS, m.params());
        }
        return o;
    }

    private static void scored(ObjectNode o, Scored s) {
        o.put(TEST_SAMPLES, s.testSamples());
        o.set(METRICS, metrics(s.metrics()));
        if (!s.variants().isEmpty()) {
            ObjectNode variants = o.putObject(VARIANTS);
            s.variants().forEach((name, m) -> variants.set(name, metrics(m)));
        }
        if (!s.sweeps().isEmpty()) {
            ArrayNode sweeps = o.putArray(SWEEPS);
            for (SweepResult sweep : s.sweeps()) {
                ObjectNode sw = sweeps.addObject();
                sw.put(AXIS, sweep.axis());
                sw.put(DESCRIPTION, sweep.description());
                if (sweep.scale() != dev.credence.core.spi.Sweep.Scale.LINEAR) {
                    sw.put(SCALE, sweep.scale().json());
                }
                ArrayNode points = sw.putArray(POINTS);
                for (SweepPoint p : sweep.points()) {
                    ObjectNode pt = points.addObject();
                    double v = p.value();
                    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                        pt.put(VALUE, (long) v);
                    } else {
                        pt.put(VALUE, v);
                    }
                    if (p.headline()) {
                        pt.put(HEADLINE, true);
                    }
                    pt.set(METRICS, metrics(p.metrics()));
                }
            }
        }
        if (s.uncertaintyGrid() != null) {
            o.set(UNCERTAINTY_GRID, grid(s.uncertaintyGrid()));
        }
        if (!s.shifts().isEmpty()) {
            ArrayNode shifts = o.putArray(SHIFTS);
            for (RunResult.ShiftResult r : s.shifts()) {
                shifts.addObject().put(SHIFT, r.shift()).put(LEVEL, r.level()).set(METRICS, metrics(r.metrics()));
            }
        }
        if (!s.ood().isEmpty()) {
            ArrayNode ood = o.putArray(OOD);
            for (RunResult.OodResult r : s.ood()) {
                ObjectNode set = ood.addObject().put(SET, r.set()).put(INPUTS, r.inputs());
                ObjectNode scores = set.putObject(SCORES);
                r.scores().forEach((name, m) -> {
                    ObjectNode e = scores.putObject(name).put(AUROC, m.auroc()).put(AUPR_OUT, m.auprOut())
                            .put(AUPR_IN, m.auprIn()).put(FPR95, m.fpr95()).put(FPR95_THRESHOLD, m.threshold());
                    ArrayNode flagged = e.putArray(FLAGGED_PER_CLASS);
                    m.flaggedPerClass().forEach(f -> {
                        if (f == null) {
                            flagged.addNull();
                        } else {
                            flagged.add(f);
                        }
                    });
                });
                ArrayNode h = set.putArray(ENTROPY_HISTOGRAM);
                for (int c : r.entropyHistogram()) {
                    h.add(c);
                }
            }
        }
        if (s.reference() != null) {
            o.set(REFERENCE, referenceScores(s.reference()));
        }
        o.set(EXTRAS, s.extras());
        ArrayNode curve = o.putArray(TRAINING_CURVE);
        for (Epoch e : s.trainingCurve()) {
            ObjectNode row = curve.addObject();
            row.put(EPOCH, e.epoch());
            e.terms().forEach(row::put);
        }
    }

    private static ObjectNode referenceScores(RunResult.ReferenceScores r) {
        ObjectNode o = F.objectNode();
        o.put(METHOD, r.method());
        o.put(FINGERPRINT, r.fingerprint());
        distance(o.putObject(TEST), r.test());
        if (!r.shifts().isEmpty()) {
            ArrayNode shifts = o.putArray(SHIFTS);
            for (RunResult.ShiftDistance d : r.shifts()) {
                distance(shifts.addObject().put(SHIFT, d.shift()).put(LEVEL, d.level()), d.distance());
            }
        }
        if (!r.ood().isEmpty()) {
            ArrayNode ood = o.putArray(OOD);
            for (RunResult.OodDistance d : r.ood()) {
                distance(ood.addObject().put(SET, d.set()), d.distance());
            }
        }
        return o;
    }

    private static void distance(ObjectNode o, ReferenceDistance d) {
        o.put(AGREEMENT, d.agreement());
        o.put(TOTAL_VARIATION, d.totalVariation());
        o.put(KL, d.kl());
    }

    static ObjectNode metrics(Metrics m) {
        ObjectNode o = F.objectNode();
        for (String key : MetricReport.PROTOCOL_KEYS) {
            if (m.values().containsKey(key)) {
                putMetric(o, key, m.values().get(key));
            }
        }
        if (m.varianceSplit() != null) {
            ObjectNode v = o.putObject(VARIANCE_SPLIT);
            putMetric(v, ALEATORIC, m.varianceSplit().aleatoric());
            putMetric(v, EPISTEMIC, m.varianceSplit().epistemic());
        }
        putIfPresent(o, BINS, m.bins());
        putIfPresent(o, N, m.n());
        putIfPresent(o, NUM_CLASSES, m.numClasses());
        if (m.perClass() != null) {
            ArrayNode pc = o.putArray(PER_CLASS);
            for (ClassMetrics c : m.perClass()) {
                ObjectNode e = pc.addObject();
                e.put(CLASS, c.classIndex());
                e.put(COUNT, c.count());
                putMetric(e, ACCURACY, c.accuracy());
                putMetric(e, NLL, c.nll());
                putMetric(e, ECE, c.ece());
            }
        }
        if (m.reliability() != null) {
            ArrayNode rel = o.putArray(RELIABILITY);
            for (ReliabilityBin b : m.reliability()) {
                ObjectNode e = rel.addObject();
                e.put(BIN, b.bin());
                putMetric(e, LOWER, b.lower());
                putMetric(e, UPPER, b.upper());
                e.put(COUNT, b.count());
                putMetric(e, CONFIDENCE, b.confidence());
                putMetric(e, ACCURACY, b.accuracy());
            }
        }
        if (m.selective() != null) {
            ObjectNode s = o.putObject(SELECTIVE);
            s.put(SCORE, m.selective().score());
            ArrayNode coverage = s.putArray(COVERAGE);
            ArrayNode count = s.putArray(COUNT);
            ArrayNode accuracy = s.putArray(ACCURACY);
            for (SelectivePrediction.Point p : m.selective().points()) {
                coverage.add(p.coverage());
                count.add(p.count());
                accuracy.add(p.accuracy());
            }
        }
        if (m.entropyHistogram() != null) {
            EntropyHistogram.Histogram h = m.entropyHistogram();
            ObjectNode e = o.putObject(ENTROPY_HISTOGRAM);
            e.put(BINS, h.bins());
            e.put(MAX_ENTROPY, h.maxEntropy());
            e.set(CORRECT, ints(h.correct()));
            e.set(WRONG, ints(h.wrong()));
        }
        return o;
    }

    private static ObjectNode grid(UncertaintyGrid.Grid g) {
        ObjectNode o = F.objectNode();
        o.put(RESOLUTION, g.resolution());
        o.put(SAMPLES, g.samples());
        ArrayNode features = o.putArray(FEATURES);
        g.features().forEach(features::add);
        o.put(MAX_ENTROPY, g.maxEntropy());
        o.set(X, doubles(g.x()));
        o.set(Y, doubles(g.y()));
        o.set(ENTROPY, matrix(g.entropy()));
        o.set(MUTUAL_INFORMATION, matrix(g.mutualInformation()));
        ObjectNode points = o.putObject(POINTS);
        points.set(X, doubles(g.pointX()));
        points.set(Y, doubles(g.pointY()));
        points.set(LABEL, ints(g.pointLabel()));
        o.put(POINTS_TOTAL, g.pointsTotal());
        return o;
    }

    private static ObjectNode divergence(Divergence d) {
        ObjectNode o = F.objectNode();
        o.put(METHOD, d.method());
        o.put(EPOCH, d.epoch());
        o.put(STEP, d.step());
        o.put(LAST_FINITE_LOSS, d.lastFiniteLoss());
        o.put(MESSAGE, d.message());
        return o;
    }

    private static ObjectNode timings(Timings t) {
        ObjectNode o = F.objectNode();
        putIfPresent(o, TRAIN_SECONDS, t.trainSeconds());
        putIfPresent(o, TRAINING_LOOP_SECONDS, t.trainingLoopSeconds());
        putIfPresent(o, TRAIN_EXAMPLES_PER_S, t.trainExamplesPerSecond());
        putIfPresent(o, PREDICT_SECONDS, t.predictSeconds());
        putIfPresent(o, INFERENCE_EXAMPLES_PER_S, t.inferenceExamplesPerSecond());
        if (t.epochSeconds() != null) {
            ArrayNode a = o.putArray(EPOCH_SECONDS);
            t.epochSeconds().forEach(a::add);
        }
        putIfPresent(o, SHIFT_SECONDS, t.shiftSeconds());
        return o;
    }

    /** A metric: null when undefined, refused when not finite (metrics are finite or undefined). */
    private static void putMetric(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else if (!Double.isFinite(v)) {
            throw new IllegalStateException("metric '" + key + "' is " + v + "; metrics must be finite or null");
        } else {
            o.put(key, v.doubleValue());
        }
    }

    private static void putIfPresent(ObjectNode o, String key, String v) {
        if (v != null) {
            o.put(key, v);
        }
    }

    private static void putIfPresent(ObjectNode o, String key, Integer v) {
        if (v != null) {
            o.put(key, v.intValue());
        }
    }

    private static void putIfPresent(ObjectNode o, String key, Double v) {
        if (v != null) {
            o.put(key, v.doubleValue());
        }
    }

    private static ArrayNode ints(int[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode doubles(double[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode matrix(double[][] rows) {
        ArrayNode a = F.arrayNode(rows.length);
        for (double[] row : rows) {
            a.add(doubles(row));
        }
        return a;
    }

    // ---------------------------------------------------------------- reading

    static RunResult read(Path file) {
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new CredenceInputException(file + ": is not a Credence result file (" + AtomicFile.cause(e) + ")");
        }
        try {
            return read(node);
        } catch (CredenceInputException e) {
            throw new CredenceInputException(file + ": " + e.getMessage(), e);
        }
    }

    static RunResult read(JsonNode json) {
        if (json == null || !json.isObject() || !json.path(FORMAT).asText().startsWith(FORMAT_FAMILY)) {
            throw new CredenceInputException("is not a Credence result file (no \"" + FORMAT + "\": \""
                    + RunResult.FORMAT + "\")");
        }
        JsonNode n = LegacyRunResults.upgrade(json);
        String format = n.path(FORMAT).asText();
        if (!n.path(RUN_ID).isTextual()) {
            throw new CredenceInputException("field '" + RUN_ID + "' is missing or not a string");
        }
        Status status = Status.of(n.path(STATUS).asText(null));
        if (status == null) {
            throw new CredenceInputException("field '" + STATUS + "' is " + n.path(STATUS)
                    + ", not one of \"ok\", \"diverged\", \"failed\"");
        }
        RunConfig config = n.path(CONFIG).isObject() ? readConfig(n.get(CONFIG)) : null;
        Scored scored = status == Status.OK ? readScored(n) : null;
        Divergence divergence = status == Status.DIVERGED ? readDivergence(n.path(DIVERGENCE)) : null;
        Failure error = status == Status.FAILED
                ? new Failure(n.path(ERROR).path(MESSAGE).asText(""), n.path(ERROR).path(TYPE).asText("")) : null;
        return new RunResult(format, n.path(SUITE).asText(), n.get(RUN_ID).asText(), n.path(SEED).asLong(),
                text(n.get(FINGERPRINT)), config, readDataset(n.path(DATASET)), readMethod(n.path(METHOD)),
                object(n.get(PROVENANCE)), integer(n.get(BINS)), status, scored, divergence, error,
                n.path(TIMINGS).isObject() ? readTimings(n.get(TIMINGS)) : null);
    }

    private static RunConfig readConfig(JsonNode c) {
        JsonNode ref = c.path(REFERENCE);
        return new RunConfig(readMethodConfig(c.path(METHOD)), readDatasetConfig(c.path(DATASET)), c.path(SEED).asLong(),
                c.path(BINS).asInt(), integer(c.get(TEST_SAMPLES)), ref.path(IMPLEMENTATION).isTextual()
                && ref.path(FINGERPRINT).isTextual() ? new RunConfig.Reference(ref.get(IMPLEMENTATION).asText(),
                ref.get(FINGERPRINT).asText()) : null);
    }

    private static MethodConfig readMethodConfig(JsonNode m) {
        return new MethodConfig(m.path(IMPLEMENTATION).asText(), object(m.get(PARAMS)),
                m.path(BASE).isObject() ? readMethodConfig(m.get(BASE)) : null, m.path(REVISION).asInt(1));
    }

    private static DatasetConfig readDatasetConfig(JsonNode d) {
        JsonNode digests = d.get(CONTENT_SHA256);
        return new DatasetConfig(text(d.get(SOURCE)), object(d.get(PARAMS)), text(d.get(IMBALANCE)),
                text(d.get(TEST_SOURCE)), number(d.get(TEST_FRACTION)), number(d.get(VALIDATION_FRACTION)),
                d.path(STANDARDIZE).isBoolean() ? d.get(STANDARDIZE).booleanValue() : null, readCsv(d),
                digests != null && digests.isObject()
                        ? new Digests(digests.path(SOURCE).asText(), text(digests.get(TEST_SOURCE))) : null,
                d.path(CLASS_ORDER).isArray() ? texts(d.get(CLASS_ORDER)) : null, text(d.get(TEST_PROFILE)),
                d.path(SHIFTS).isArray() ? readShifts(d) : null,
                d.path(OOD).isArray() || d.path(OOD_CLASSES).isArray()
                        ? new RunConfig.Ood(d.path(OOD_CLASSES).isArray() ? texts(d.get(OOD_CLASSES)) : List.of(),
                        d.path(OOD).isArray() ? texts(d.get(OOD)) : List.of()) : null);
    }

    private static RunConfig.Shifts readShifts(JsonNode d) {
        List<Integer> severities = new ArrayList<>();
        d.path(SHIFT_SEVERITIES).forEach(e -> severities.add(e.asInt()));
        return new RunConfig.Shifts(texts(d.get(SHIFTS)), severities, integer(d.get(SHIFT_DEFINITION)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static RunConfig.CsvReading readCsv(JsonNode d) {
        if (!d.has(LABEL_COLUMN) && !d.has(MISSING) && !d.has(CATEGORICAL) && !d.has(ROWS_DROPPED)) {
            return null;
        }
        List<String> categorical = null;
        if (d.path(CATEGORICAL).isArray()) {
            categorical = new ArrayList<>();
            for (JsonNode c : d.get(CATEGORICAL)) {
                categorical.add(c.asText());
            }
        }
        JsonNode dropped = d.get(ROWS_DROPPED);
        return new RunConfig.CsvReading(text(d.get(LABEL_COLUMN)), text(d.get(MISSING)), categorical,
                dropped != null && dropped.isObject() ? new RunConfig.RowsDropped(dropped.path(SOURCE).asInt(),
                        dropped.path(TEST_SOURCE).isNumber() ? dropped.get(TEST_SOURCE).asInt() : null) : null);
    }

    private static Dataset readDataset(JsonNode d) {
        Prepared prepared = null;
        if (d.has(CLASS_COUNTS)) {
            List<String> names = new ArrayList<>();
            d.path(CLASS_NAMES).forEach(c -> names.add(c.asText()));
            JsonNode counts = d.get(CLASS_COUNTS);
            prepared = new Prepared(d.path(DATA_SEED).isNumber() ? d.get(DATA_SEED).asLong() : null,
                    d.path(FEATURES).asInt(), names, intArray(counts.path(TRAIN)), intArray(counts.path(VALIDATION)),
                    intArray(counts.path(TEST)));
        }
        return new Dataset(d.path(NAME).asText(), readDatasetConfig(d).withoutDigests(), prepared);
    }

    private static Method readMethod(JsonNode m) {
        String name = m.path(NAME).asText();
        return new Method(name, m.path(METHOD).asText(name), text(m.get(DESCRIPTION)),
                m.path(METHOD_SEED).isNumber() ? m.get(METHOD_SEED).asLong() : null,
                m.path(OWN_SEED).isNumber() ? m.get(OWN_SEED).asLong() : null, text(m.get(BASE)),
                object(m.get(PARAMS)));
    }

    private static Scored readScored(JsonNode n) {
        Map<String, Metrics> variants = new LinkedHashMap<>();
        n.path(VARIANTS).fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                variants.put(e.getKey(), readMetrics(e.getValue()));
            }
        });
        List<SweepResult> sweeps = new ArrayList<>();
        for (JsonNode s : n.path(SWEEPS)) {
            JsonNode axis = s.get(AXIS);
            if (axis == null || !axis.isTextual() || axis.asText().isEmpty()) {
                continue;
            }
            List<SweepPoint> points = new ArrayList<>();
            for (JsonNode p : s.path(POINTS)) {
                Double v = number(p.get(VALUE));
                if (v != null && Double.isFinite(v) && p.path(METRICS).isObject()) {
                    points.add(new SweepPoint(v, p.path(HEADLINE).asBoolean(false), readMetrics(p.get(METRICS))));
                }
            }
            if (!points.isEmpty()) {
                // a scale this version does not know is drawn linearly, as a result without one
                dev.credence.core.spi.Sweep.Scale scale = dev.credence.core.spi.Sweep.Scale.of(s.path(SCALE).asText("linear"));
                scale = scale == null ? dev.credence.core.spi.Sweep.Scale.LINEAR : scale;
                sweeps.add(new SweepResult(axis.asText(), s.path(DESCRIPTION).asText(""), scale, points));
            }
        }
        List<Epoch> curve = new ArrayList<>();
        for (JsonNode e : n.path(TRAINING_CURVE)) {
            Map<String, Double> terms = new LinkedHashMap<>();
            e.fields().forEachRemaining(f -> {
                Double v = number(f.getValue());
                if (!f.getKey().equals(EPOCH) && v != null) {
                    terms.put(f.getKey(), v);
                }
            });
            curve.add(new Epoch(e.path(EPOCH).asInt(), terms));
        }
        List<RunResult.ShiftResult> shifts = new ArrayList<>();
        for (JsonNode r : n.path(SHIFTS)) {
            if (r.path(SHIFT).isTextual() && r.path(LEVEL).isInt() && r.path(METRICS).isObject()) {
                shifts.add(new RunResult.ShiftResult(r.get(SHIFT).asText(), r.get(LEVEL).asInt(),
                        readMetrics(r.get(METRICS))));
            }
        }
        JsonNode grid = n.get(UNCERTAINTY_GRID);
        ObjectNode extras = object(n.get(EXTRAS));
        return new Scored(n.path(TEST_SAMPLES).asInt(1), readMetrics(n.path(METRICS)), variants, sweeps,
                grid != null && grid.path(ENTROPY).isArray() ? readGrid(grid) : null,
                extras == null ? F.objectNode() : extras, curve, shifts, readOod(n.path(OOD)),
                readReferenceScores(n.get(REFERENCE)));
    }

    /** @return the OOD sets that have a name and scores; a score missing one of its four metrics is left out */
    private static List<RunResult.OodResult> readOod(JsonNode array) {
        List<RunResult.OodResult> out = new ArrayList<>();
        for (JsonNode r : array) {
            if (!r.path(SET).isTextual() || !r.path(SCORES).isObject()) {
                continue;
            }
            Map<String, RunResult.OodMetrics> scores = new LinkedHashMap<>();
            r.get(SCORES).fields().forEachRemaining(e -> {
                JsonNode m = e.getValue();
                Double auroc = number(m.get(AUROC));
                Double out1 = number(m.get(AUPR_OUT));
                Double in = number(m.get(AUPR_IN));
                Double fpr = number(m.get(FPR95));
                if (auroc != null && out1 != null && in != null && fpr != null) {
                    List<Double> flagged = new ArrayList<>();
                    m.path(FLAGGED_PER_CLASS).forEach(f -> flagged.add(number(f)));
                    Double t = number(m.get(FPR95_THRESHOLD));
                    scores.put(e.getKey(), new RunResult.OodMetrics(auroc, out1, in, fpr, t == null ? Double.NaN : t,
                            flagged));
                }
            });
            int[] h = new int[r.path(ENTROPY_HISTOGRAM).size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = r.get(ENTROPY_HISTOGRAM).get(i).asInt();
            }
            out.add(new RunResult.OodResult(r.get(SET).asText(), r.path(INPUTS).asInt(), scores, h));
        }
        return out;
    }

    /** @return the reference block, or null when there is none or it lacks its name or its numbers on the test part */
    private static RunResult.ReferenceScores readReferenceScores(JsonNode r) {
        if (r == null || !r.path(METHOD).isTextual() || !r.path(FINGERPRINT).isTextual()) {
            return null;
        }
        ReferenceDistance test = readDistance(r.path(TEST));
        if (test == null) {
            return null;
        }
        List<RunResult.ShiftDistance> shifts = new ArrayList<>();
        for (JsonNode d : r.path(SHIFTS)) {
            ReferenceDistance distance = readDistance(d);
            if (d.path(SHIFT).isTextual() && d.path(LEVEL).isInt() && distance != null) {
                shifts.add(new RunResult.ShiftDistance(d.get(SHIFT).asText(), d.get(LEVEL).asInt(), distance));
            }
        }
        List<RunResult.OodDistance> ood = new ArrayList<>();
        for (JsonNode d : r.path(OOD)) {
            ReferenceDistance distance = readDistance(d);
            if (d.path(SET).isTextual() && distance != null) {
                ood.add(new RunResult.OodDistance(d.get(SET).asText(), distance));
            }
        }
        return new RunResult.ReferenceScores(r.get(METHOD).asText(), r.get(FINGERPRINT).asText(), test, shifts, ood);
    }

    private static ReferenceDistance readDistance(JsonNode d) {
        Double agreement = number(d.get(AGREEMENT));
        Double tv = number(d.get(TOTAL_VARIATION));
        Double kl = number(d.get(KL));
        return agreement == null || tv == null || kl == null ? null : new ReferenceDistance(agreement, tv, kl);
    }

    private static Metrics readMetrics(JsonNode m) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : MetricReport.PROTOCOL_KEYS) {
            if (m.has(key)) {
                values.put(key, number(m.get(key)));
            }
        }
        List<ClassMetrics> perClass = null;
        if (m.path(PER_CLASS).isArray()) {
            perClass = new ArrayList<>();
            for (JsonNode c : m.get(PER_CLASS)) {
                perClass.add(new ClassMetrics(c.path(CLASS).asInt(-1), c.path(COUNT).asInt(), number(c.get(ACCURACY)),
                        number(c.get(NLL)), number(c.get(ECE))));
            }
        }
        List<ReliabilityBin> reliability = null;
        if (m.path(RELIABILITY).isArray()) {
            reliability = new ArrayList<>();
            for (JsonNode b : m.get(RELIABILITY)) {
                reliability.add(new ReliabilityBin(b.path(BIN).asInt(), b.path(LOWER).asDouble(),
                        b.path(UPPER).asDouble(), b.path(COUNT).asInt(), number(b.get(CONFIDENCE)),
                        number(b.get(ACCURACY))));
            }
        }
        Selective selective = null;
        JsonNode s = m.path(SELECTIVE);
        if (s.path(COVERAGE).isArray()) {
            double[] coverage = doubleArray(s.path(COVERAGE));
            int[] count = intArray(s.path(COUNT));
            double[] accuracy = doubleArray(s.path(ACCURACY));
            List<SelectivePrediction.Point> points = new ArrayList<>();
            for (int i = 0; i < coverage.length; i++) {
                points.add(new SelectivePrediction.Point(coverage[i], i < count.length ? count[i] : 0,
                        i < accuracy.length ? accuracy[i] : Double.NaN));
            }
            selective = new Selective(s.path(SCORE).asText(""), points);
        }
        EntropyHistogram.Histogram histogram = null;
        JsonNode h = m.path(ENTROPY_HISTOGRAM);
        if (h.path(CORRECT).isArray()) {
            histogram = new EntropyHistogram.Histogram(h.path(BINS).asInt(), h.path(MAX_ENTROPY).asDouble(),
                    intArray(h.get(CORRECT)), intArray(h.path(WRONG)));
        }
        VarianceSplit split = null;
        JsonNode v = m.path(VARIANCE_SPLIT);
        if (v.path(ALEATORIC).isNumber() && v.path(EPISTEMIC).isNumber()) {
            split = new VarianceSplit(v.get(ALEATORIC).asDouble(), v.get(EPISTEMIC).asDouble());
        }
        return new Metrics(values, integer(m.get(BINS)), integer(m.get(N)), integer(m.get(NUM_CLASSES)), perClass,
                reliability, selective, histogram, split);
    }

    private static UncertaintyGrid.Grid readGrid(JsonNode g) {
        List<String> features = new ArrayList<>();
        g.path(FEATURES).forEach(f -> features.add(f.asText()));
        JsonNode p = g.path(POINTS);
        Double maxEntropy = number(g.get(MAX_ENTROPY));
        return new UncertaintyGrid.Grid(g.path(RESOLUTION).asInt(), g.path(SAMPLES).asInt(1), features,
                maxEntropy == null ? Double.NaN : maxEntropy, doubleArray(g.path(X)), doubleArray(g.path(Y)),
                doubleMatrix(g.path(ENTROPY)), doubleMatrix(g.path(MUTUAL_INFORMATION)), doubleArray(p.path(X)),
                doubleArray(p.path(Y)), intArray(p.path(LABEL)), g.path(POINTS_TOTAL).asInt());
    }

    private static Divergence readDivergence(JsonNode d) {
        return new Divergence(d.path(METHOD).asText(""), d.path(EPOCH).asInt(), d.path(STEP).asInt(),
                number(d.get(LAST_FINITE_LOSS)), d.path(MESSAGE).asText(""));
    }

    private static Timings readTimings(JsonNode t) {
        List<Double> epochs = null;
        if (t.path(EPOCH_SECONDS).isArray()) {
            epochs = new ArrayList<>();
            for (JsonNode e : t.get(EPOCH_SECONDS)) {
                Double v = number(e);
                epochs.add(v == null ? Double.NaN : v);
            }
        }
        return new Timings(number(t.get(TRAIN_SECONDS)), number(t.get(TRAINING_LOOP_SECONDS)),
                number(t.get(TRAIN_EXAMPLES_PER_S)), number(t.get(PREDICT_SECONDS)),
                number(t.get(INFERENCE_EXAMPLES_PER_S)), epochs, number(t.get(SHIFT_SECONDS)));
    }

    /** @return the value of a top-level provenance key, when it is a plain value */
    static Optional<String> provenanceValue(ObjectNode provenance, String key) {
        JsonNode v = provenance == null ? null : provenance.get(key);
        return v != null && v.isValueNode() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * @param v a JSON value
     * @return it as a double: a number, or the text Jackson writes for a non-finite double ({@code "NaN"},
     *     {@code "Infinity"}, {@code "-Infinity"}); else null
     */
    static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return null;
            }
        }
        return null;
    }

    private static Integer integer(JsonNode v) {
        return v != null && v.isNumber() ? v.asInt() : null;
    }

    private static String text(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static ObjectNode object(JsonNode v) {
        return v instanceof ObjectNode o ? o : null;
    }

    private static int[] intArray(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubleArray(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = number(a.get(i));
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    private static double[][] doubleMatrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = doubleArray(rows.get(r));
        }
        return out;
    }
}
