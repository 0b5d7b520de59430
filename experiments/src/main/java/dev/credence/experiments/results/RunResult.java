package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Sweep;
import dev.credence.datasets.PreparedData;
import dev.credence.experiments.metrics.ClassMetrics;
import dev.credence.experiments.metrics.VarianceSplit;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.MetricReport;
import dev.credence.experiments.metrics.ReferenceDistance;
import dev.credence.experiments.metrics.ReliabilityBin;
import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.metrics.UncertaintyGrid;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run's result: what the runner writes, one file per run, and what {@code report}, {@code compare} and the
 * summary table read. The type owns its format, {@value #FORMAT}: {@link #toJson()}, {@link #write(Path)},
 * {@link #read(Path)} and {@link #fromJson(JsonNode)} go through {@link RunResultJson}, where every field name is
 * declared, and files of the earlier {@value #LEGACY_FORMAT} are read too ({@link LegacyRunResults}).
 *
 * <p>Every result names its run ({@code suite}, {@code run_id}, {@code seed}, {@code fingerprint} and the resolved
 * {@code config}), the dataset and the method, and has a {@link Status}. An {@link Status#OK ok} result adds what the
 * method was trained on ({@link Dataset#prepared()}), its seeds, provenance and description, and the {@link Scored}
 * part: metrics, named variants, declared sweeps, the uncertainty grid of a 2-D dataset, the method's extras and the
 * training curve, then the {@link Timings}. A {@link Status#DIVERGED diverged} result has the {@link Divergence}
 * instead of the scored part; a {@link Status#FAILED failed} one only the identity and the {@link Failure}.
 *
 * <p>Reading is lenient about what a report can do without (a result with no selective curve, a sweep point with only
 * scalar metrics); a missing number reads as null. A result the harness wrote reads back to exactly its own JSON.
 *
 * @param format      {@value #FORMAT}, or {@value #LEGACY_FORMAT} for a result read from such a file
 * @param suite       the suite's name
 * @param runId       the run id, also the file's name
 * @param seed        the run seed
 * @param fingerprint {@link RunConfig#fingerprint()} of {@code config}, or null ({@value #LEGACY_FORMAT})
 * @param config      the resolved configuration, or null ({@value #LEGACY_FORMAT})
 * @param dataset     the dataset
 * @param method      the method
 * @param provenance  the trainer's Tribuo provenance as OLCUT converts it to a map, or null (failed)
 * @param bins        calibration bins, or null (failed)
 * @param status      how the run ended
 * @param scored      what an ok run measured, else null
 * @param divergence  why a diverged run stopped, else null
 * @param error       why a failed run failed, else null
 * @param timings     wall-clock times (not reproducible), or null
 */
public record RunResult(String format, String suite, String runId, long seed, String fingerprint, RunConfig config,
                        Dataset dataset, Method method, ObjectNode provenance, Integer bins, Status status,
                        Scored scored, Divergence divergence, Failure error, Timings timings) {

    /** The format tag of the results written now. */
    public static final String FORMAT = "credence-run/2";
    /** The format of the results written before configurations, fingerprints and sweeps were recorded. */
    public static final String LEGACY_FORMAT = "credence-run/1";

    /** Checks that the part its status calls for is there. */
    public RunResult {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        if ((status == Status.OK) != (scored != null) || (status == Status.DIVERGED) != (divergence != null)
                || (status == Status.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a result with status '" + status.json() + "' has exactly its own part;"
                    + " got scored " + (scored != null) + ", divergence " + (divergence != null) + ", error " + (error != null));
        }
    }

    /** How a run ended. */
    public enum Status {
        /** trained and scored */
        OK("ok"),
        /** the training loss stopped being finite */
        DIVERGED("diverged"),
        /** anything else went wrong: bad data, a method's error, no memory */
        FAILED("failed");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        /** @return the status as the result file spells it */
        public String json() {
            return json;
        }

        /** @return the status spelled so, or null when none is */
        static Status of(String json) {
            for (Status s : values()) {
                if (s.json.equals(json)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * What every result of a planned run says, whatever its status: what ran, on what, with which configuration.
     *
     * @param suite       the suite's name
     * @param runId       the run id
     * @param seed        the run seed
     * @param config      the resolved configuration
     * @param datasetName the dataset entry's name
     * @param methodName  the method entry's name
     */
    public record Identity(String suite, String runId, long seed, RunConfig config, String datasetName,
                           String methodName) {
        /** @return {@link RunConfig#fingerprint()} */
        public String fingerprint() {
            return config.fingerprint();
        }
    }

    /**
     * The dataset of a run.
     *
     * @param name     the dataset entry's name
     * @param config   its configuration without digests ({@link RunConfig.DatasetConfig#withoutDigests()})
     * @param prepared what the run was trained and scored on, or null (failed)
     */
    public record Dataset(String name, RunConfig.DatasetConfig config, Prepared prepared) {
    }

    /**
     * The prepared data of a run.
     *
     * @param dataSeed    the seed of its preparation, or null when not recorded
     * @param features    number of features
     * @param classNames  class names, in label order
     * @param trainCounts training examples per class
     * @param validationCounts validation examples per class (empty when there is no validation part)
     * @param testCounts  test examples per class
     */
    public record Prepared(Long dataSeed, int features, List<String> classNames, int[] trainCounts,
                           int[] validationCounts, int[] testCounts) {
        /** Copies the names. */
        public Prepared {
            classNames = List.copyOf(classNames);
        }

        /**
         * @return the realised imbalance ratio of the training pool, n_max / n_min with the training and validation
         *     parts counted together ({@link PreparedData#realisedRatio(int[], int[])}); written beside the class counts
         *     it follows from, so a result made before it was written has it too
         */
        public double realisedRatio() {
            return PreparedData.realisedRatio(trainCounts, validationCounts);
        }
    }

    /**
     * The method of a run: the entry's name and implementation always, the rest when it was built (not failed).
     *
     * @param name           the method entry's name
     * @param implementation the method's registered name
     * @param description    the method's description, or null
     * @param methodSeed     seed of the methods trained from scratch, or null
     * @param ownSeed        seed of a composed method's own draws, or null when it has no base
     * @param base           the name of its base's entry, or null
     * @param params         its resolved hyperparameters, or null
     */
    public record Method(String name, String implementation, String description, Long methodSeed, Long ownSeed,
                         String base, ObjectNode params) {
    }

    /**
     * What an ok run measured.
     *
     * @param testSamples     S the headline predictive was sampled with
     * @param metrics         the headline predictive's metrics
     * @param variants        the named variants' metrics, in the method's order (may be empty)
     * @param sweeps          the declared sweeps, in the method's order (may be empty)
     * @param uncertaintyGrid the grid over the plane of a 2-D dataset, or null
     * @param extras          the method's own facts, as it published them (a JSON object)
     * @param trainingCurve   one entry per epoch
     * @param shifts          the headline predictive's metrics on each shifted test set, in the order scored (empty
     *                        without shifts)
     * @param ood             the headline predictive's out-of-distribution detection on each OOD set, in the order
     *                        scored (empty without OOD sets)
     * @param reference       the headline predictive's distance from the dataset's reference, or null (no reference,
     *                        or this is the reference's own row)
     */
    public record Scored(int testSamples, Metrics metrics, Map<String, Metrics> variants, List<SweepResult> sweeps,
                         UncertaintyGrid.Grid uncertaintyGrid, ObjectNode extras, List<Epoch> trainingCurve,
                         List<ShiftResult> shifts, List<OodResult> ood, ReferenceScores reference) {
        /** Copies the collections, keeping their order. */
        public Scored {
            Objects.requireNonNull(metrics, "metrics");
            variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
            sweeps = List.copyOf(sweeps);
            trainingCurve = List.copyOf(trainingCurve);
            shifts = shifts == null ? List.of() : List.copyOf(shifts);
            ood = ood == null ? List.of() : List.copyOf(ood);
        }

        /** What a run scored without OOD sets and against no reference measured. */
        public Scored(int testSamples, Metrics metrics, Map<String, Metrics> variants, List<SweepResult> sweeps,
                      UncertaintyGrid.Grid uncertaintyGrid, ObjectNode extras, List<Epoch> trainingCurve,
                      List<ShiftResult> shifts) {
            this(testSamples, metrics, variants, sweeps, uncertaintyGrid, extras, trainingCurve, shifts, List.of(), null);
        }

        /** What a run scored without shifts measured. */
        public Scored(int testSamples, Metrics metrics, Map<String, Metrics> variants, List<SweepResult> sweeps,
                      UncertaintyGrid.Grid uncertaintyGrid, ObjectNode extras, List<Epoch> trainingCurve) {
            this(testSamples, metrics, variants, sweeps, uncertaintyGrid, extras, trainingCurve, List.of());
        }

        /**
         * @param shift a shift name
         * @param level one of its levels
         * @return its metrics, or null when the result has none
         */
        public Metrics shifted(String shift, int level) {
            for (ShiftResult r : shifts) {
                if (r.shift().equals(shift) && r.level() == level) {
                    return r.metrics();
                }
            }
            return null;
        }

        /**
         * @param axis  a sweep's axis
         * @param value a point's value on it
         * @return on the {@value PruningExtras#AXIS} axis, the weights the run's pruning levels
         *     ({@code extras.pruning}) keep at that fraction; else, or when they do not say, null
         */
        public Integer keptWeights(String axis, double value) {
            return PruningExtras.AXIS.equals(axis) ? PruningExtras.keptWeights(extras, value) : null;
        }
    }

    /**
     * The headline predictive's distance from the reference predictive ({@link ReferenceDistance}) on the test part,
     * on each shifted test set and on each out-of-distribution set the run is scored on.
     *
     * @param method      the reference's method entry name
     * @param fingerprint {@link RunConfig.MethodConfig#fingerprint()} of the reference's configuration
     * @param test        on the test part
     * @param shifts      on each shifted test set, in the order scored (empty without shifts)
     * @param ood         on each OOD set, in the order scored (empty without OOD sets)
     */
    public record ReferenceScores(String method, String fingerprint, ReferenceDistance test, List<ShiftDistance> shifts,
                                  List<OodDistance> ood) {
        /** Checks the parts are present and copies the lists. */
        public ReferenceScores {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(test, "test");
            shifts = shifts == null ? List.of() : List.copyOf(shifts);
            ood = ood == null ? List.of() : List.copyOf(ood);
        }

        /** Scores without OOD sets. */
        public ReferenceScores(String method, String fingerprint, ReferenceDistance test, List<ShiftDistance> shifts) {
            this(method, fingerprint, test, shifts, List.of());
        }
    }

    /**
     * The distance from the reference on one out-of-distribution set.
     *
     * @param set      the set's name (as in {@link OodResult})
     * @param distance the distance there
     */
    public record OodDistance(String set, ReferenceDistance distance) {
        /** Checks the parts are present. */
        public OodDistance {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(distance, "distance");
        }
    }

    /**
     * The distance from the reference on one shifted test set.
     *
     * @param shift    the shift's name
     * @param level    its level (as in {@link ShiftResult})
     * @param distance the distance there
     */
    public record ShiftDistance(String shift, int level, ReferenceDistance distance) {
        /** Checks the parts are present. */
        public ShiftDistance {
            Objects.requireNonNull(shift, "shift");
            Objects.requireNonNull(distance, "distance");
        }
    }

    /**
     * The headline predictive's metrics on one shifted test set.
     *
     * @param shift   the shift's name, e.g. {@code rotation}
     * @param level   its level: rotation's angle in degrees, else the severity 1–5
     * @param metrics the metrics, made exactly as on the test part
     */
    public record ShiftResult(String shift, int level, Metrics metrics) {
        /** Checks the parts are present. */
        public ShiftResult {
            Objects.requireNonNull(shift, "shift");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * The headline predictive's out-of-distribution detection on one OOD set: its inputs against the in-distribution
     * test part, per score (PROTOCOL.md, "Out-of-distribution inputs").
     *
     * @param set              the set's name, e.g. {@code uniform_noise} or {@code held_out_classes}
     * @param inputs           its inputs
     * @param scores           the detection metrics per score name, in the order scored
     * @param entropyHistogram the OOD inputs' predictive entropies H(p̄) in the bins of the test part's
     *                         {@link Metrics#entropyHistogram()} (B counts)
     */
    public record OodResult(String set, int inputs, Map<String, OodMetrics> scores, int[] entropyHistogram) {
        /** Copies the map, keeping its order. */
        public OodResult {
            Objects.requireNonNull(set, "set");
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
            Objects.requireNonNull(entropyHistogram, "entropyHistogram");
        }
    }

    /**
     * One score's detection metrics on one OOD set ({@link dev.credence.experiments.metrics.OodDetection}).
     *
     * @param auroc           AUROC, OOD positive
     * @param auprOut         average precision, OOD positive
     * @param auprIn          average precision, in-distribution positive
     * @param fpr95           in-distribution false-positive rate at the FPR95 threshold
     * @param threshold       that threshold (inputs scoring at least it are flagged OOD)
     * @param flaggedPerClass per in-distribution class id, the fraction of its test inputs flagged at the threshold
     *                        (null for a class without test inputs)
     */
    public record OodMetrics(double auroc, double auprOut, double auprIn, double fpr95, double threshold,
                             List<Double> flaggedPerClass) {
        /** Copies the list (it may hold nulls). */
        public OodMetrics {
            flaggedPerClass = Collections.unmodifiableList(new java.util.ArrayList<>(flaggedPerClass));
        }
    }

    /**
     * Metrics of one predictive on the test part. A result the harness wrote has every part; one read from a file
     * may lack some (then null, or a key missing from {@code values}).
     *
     * @param values           the {@link MetricReport#PROTOCOL_KEYS protocol metrics} present, by key, in that
     *                         order; a value is null when the metric is undefined
     * @param bins             B, or null
     * @param n                test examples, or null
     * @param numClasses       K, or null
     * @param perClass         per-class metrics, or null
     * @param reliability      the top-label reliability bins, or null
     * @param selective        the selective-prediction curve, or null
     * @param entropyHistogram the entropy histograms, or null
     * @param varianceSplit    the aleatoric/epistemic split of the predictive variance ({@link VarianceSplit}), or
     *                         null (results made before it, and metrics computed without the samples)
     */
    public record Metrics(Map<String, Double> values, Integer bins, Integer n, Integer numClasses,
                          List<ClassMetrics> perClass, List<ReliabilityBin> reliability, Selective selective,
                          EntropyHistogram.Histogram entropyHistogram, VarianceSplit varianceSplit) {
        /** Copies the collections, keeping their order. */
        public Metrics {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            perClass = perClass == null ? null : List.copyOf(perClass);
            reliability = reliability == null ? null : List.copyOf(reliability);
        }

        /**
         * Metrics without the variance split.
         *
         * @param values           see the record description
         * @param bins             see the record description
         * @param n                see the record description
         * @param numClasses       see the record description
         * @param perClass         see the record description
         * @param reliability      see the record description
         * @param selective        see the record description
         * @param entropyHistogram see the record description
         */
        public Metrics(Map<String, Double> values, Integer bins, Integer n, Integer numClasses,
                       List<ClassMetrics> perClass, List<ReliabilityBin> reliability, Selective selective,
                       EntropyHistogram.Histogram entropyHistogram) {
            this(values, bins, n, numClasses, perClass, reliability, selective, entropyHistogram, null);
        }

        /**
         * @param report     every metric of one set of predictions
         * @param selective  its selective-prediction curve, or null
         * @param histograms its entropy histograms, or null
         * @return the metrics as a result records them, without the variance split
         */
        public static Metrics of(MetricReport report, Selective selective, EntropyHistogram.Histogram histograms) {
            return of(report, null, selective, histograms);
        }

        /**
         * @param report     every metric of one set of predictions
         * @param split      the split of their predictive variance, or null
         * @param selective  its selective-prediction curve, or null
         * @param histograms its entropy histograms, or null
         * @return the metrics as a result records them
         */
        public static Metrics of(MetricReport report, VarianceSplit split, Selective selective,
                                 EntropyHistogram.Histogram histograms) {
            return new Metrics(report.headline(), report.bins(), report.n(), report.numClasses(), report.perClass(),
                    report.reliability(), selective, histograms, split);
        }

        /**
         * @param key a protocol metric key, e.g. {@code "ece"}
         * @return its value, or null when it is missing, undefined or not finite
         */
        public Double metric(String key) {
            Double v = values.get(key);
            return v == null || !Double.isFinite(v) ? null : v;
        }

        /**
         * @param k a class index
         * @return that class's metrics, or null when there are none for it
         */
        public ClassMetrics perClass(int k) {
            if (perClass != null) {
                for (ClassMetrics c : perClass) {
                    if (c.classIndex() == k) {
                        return c;
                    }
                }
            }
            return null;
        }

        /** @return this object as JSON, e.g. what {@code score} prints */
        public ObjectNode toJson() {
            return RunResultJson.metrics(this);
        }
    }

    /**
     * The selective-prediction curve ({@link SelectivePrediction}).
     *
     * @param score  the score examples are ranked by, e.g. {@code "predictive_entropy"}
     * @param points the curve, coverage ascending
     */
    public record Selective(String score, List<SelectivePrediction.Point> points) {
        /** Copies the points. */
        public Selective {
            points = List.copyOf(points);
        }

        /**
         * @param points the curve of {@link SelectivePrediction#curve}
         * @return it, ranked by predictive entropy as {@link SelectivePrediction} ranks
         */
        public static Selective byEntropy(List<SelectivePrediction.Point> points) {
            return new Selective(SelectivePrediction.SCORE, points);
        }
    }

    /**
     * A declared sweep, scored.
     *
     * @param axis        the swept quantity
     * @param description what its value means (may be empty)
     * @param scale       how a figure places its values ({@code "scale"} in the file, written when not linear)
     * @param points      the points in the method's order
     */
    public record SweepResult(String axis, String description, Sweep.Scale scale, List<SweepPoint> points) {
        /** Copies the points. */
        public SweepResult {
            Objects.requireNonNull(scale, "scale");
            points = List.copyOf(points);
        }

        /**
         * A sweep on a linear axis.
         *
         * @param axis        the swept quantity
         * @param description what its value means (may be empty)
         * @param points      the points in the method's order
         */
        public SweepResult(String axis, String description, List<SweepPoint> points) {
            this(axis, description, Sweep.Scale.LINEAR, points);
        }
    }

    /**
     * One point of a sweep.
     *
     * @param value    its axis value (written as an integer when it is one)
     * @param headline whether its predictive is the headline itself (then its metrics are the headline's)
     * @param metrics  its metrics
     */
    public record SweepPoint(double value, boolean headline, Metrics metrics) {
    }

    /**
     * One epoch of the training curve.
     *
     * @param epoch the epoch, from 1
     * @param terms the loss terms the method recorded, by name, in its order
     */
    public record Epoch(int epoch, Map<String, Double> terms) {
        /** Copies the terms. */
        public Epoch {
            terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }
    }

    /**
     * Why a diverged run stopped.
     *
     * @param method         the method that diverged (a base, for a composed method)
     * @param epoch          the epoch
     * @param step           the step within it
     * @param lastFiniteLoss the last finite training loss, or null
     * @param message        the message
     */
    public record Divergence(String method, int epoch, int step, Double lastFiniteLoss, String message) {
    }

    /**
     * Why a failed run failed.
     *
     * @param message one line
     * @param type    {@code "input"} for a mistake in the suite or data, else the exception's class
     */
    public record Failure(String message, String type) {
    }

    /**
     * Wall-clock times; a diverged run has the training time only.
     *
     * @param trainSeconds            the fit, as the harness timed it
     * @param trainingLoopSeconds     the training loop, as the method timed it, or null
     * @param trainExamplesPerSecond  training throughput, or null
     * @param predictSeconds          sampling the headline predictive on the test part, or null
     * @param inferenceExamplesPerSecond test examples per second of that, or null
     * @param epochSeconds            each epoch's time, or null
     * @param shiftSeconds            scoring the headline predictive on the shifted test sets (the predictive passes
     *                                and the metrics; making the sets excluded), or null without shifts
     */
    public record Timings(Double trainSeconds, Double trainingLoopSeconds, Double trainExamplesPerSecond,
                          Double predictSeconds, Double inferenceExamplesPerSecond, List<Double> epochSeconds,
                          Double shiftSeconds) {
        /** Copies the epoch times. */
        public Timings {
            epochSeconds = epochSeconds == null ? null : List.copyOf(epochSeconds);
        }

        /**
         * Timings of a run without shifts.
         *
         * @param trainSeconds               see the record description
         * @param trainingLoopSeconds        see the record description
         * @param trainExamplesPerSecond     see the record description
         * @param predictSeconds             see the record description
         * @param inferenceExamplesPerSecond see the record description
         * @param epochSeconds               see the record description
         */
        public Timings(Double trainSeconds, Double trainingLoopSeconds, Double trainExamplesPerSecond,
                       Double predictSeconds, Double inferenceExamplesPerSecond, List<Double> epochSeconds) {
            this(trainSeconds, trainingLoopSeconds, trainExamplesPerSecond, predictSeconds,
                    inferenceExamplesPerSecond, epochSeconds, null);
        }

        /**
         * @param trainSeconds the fit's time
         * @return the timings of a run that stopped while training
         */
        public static Timings training(double trainSeconds) {
            return new Timings(trainSeconds, null, null, null, null, null);
        }
    }

    /**
     * @param id         the run
     * @param prepared   its data
     * @param method     its method, built
     * @param provenance its trainer's provenance
     * @param scored     what it measured
     * @param timings    its times
     * @return the result of a run that was trained and scored
     */
    public static RunResult ok(Identity id, Prepared prepared, Method method, ObjectNode provenance, Scored scored,
                               Timings timings) {
        return new RunResult(FORMAT, id.suite(), id.runId(), id.seed(), id.fingerprint(), id.config(),
                dataset(id, prepared), method, provenance, id.config().bins(), Status.OK, scored, null, null, timings);
    }

    /**
     * @param id         the run
     * @param prepared   its data
     * @param method     its method, built
     * @param provenance its trainer's provenance
     * @param divergence where it diverged
     * @param timings    its training time
     * @return the result of a run whose training diverged
     */
    public static RunResult diverged(Identity id, Prepared prepared, Method method, ObjectNode provenance,
                                     Divergence divergence, Timings timings) {
        return new RunResult(FORMAT, id.suite(), id.runId(), id.seed(), id.fingerprint(), id.config(),
                dataset(id, prepared), method, provenance, id.config().bins(), Status.DIVERGED, null, divergence, null,
                timings);
    }

    /**
     * @param id    the run
     * @param error why it failed
     * @return the result of a run that failed: its identity and the failure
     */
    public static RunResult failed(Identity id, Failure error) {
        Method m = new Method(id.methodName(), id.config().method().implementation(), null, null, null, null, null);
        return new RunResult(FORMAT, id.suite(), id.runId(), id.seed(), id.fingerprint(), id.config(),
                dataset(id, null), m, null, null, Status.FAILED, null, null, error, null);
    }

    private static Dataset dataset(Identity id, Prepared prepared) {
        return new Dataset(id.datasetName(), id.config().dataset().withoutDigests(), prepared);
    }

    /** @return whether the run was trained and scored */
    public boolean ok() {
        return status == Status.OK;
    }

    /** @return whether its training diverged */
    public boolean diverged() {
        return status == Status.DIVERGED;
    }

    /** @return whether it failed */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /**
     * @param planned a planned run's fingerprint
     * @return whether this result was made with that configuration
     */
    public boolean isCurrent(String planned) {
        return planned.equals(fingerprint);
    }

    /** @return the headline metrics of an ok run, else null */
    public Metrics metrics() {
        return scored == null ? null : scored.metrics();
    }

    /** @return the Tribuo version in the trainer's provenance, when it is there */
    public Optional<String> tribuoVersion() {
        return RunResultJson.provenanceValue(provenance, RunResultJson.TRIBUO_VERSION);
    }

    /** @return this result without its wall-clock times, the only part identical runs do not reproduce */
    public RunResult withoutTimings() {
        return new RunResult(format, suite, runId, seed, fingerprint, config, dataset, method, provenance, bins, status,
                scored, divergence, error, null);
    }

    /** @return the result as its JSON object, in the documented key order */
    public ObjectNode toJson() {
        return RunResultJson.write(this);
    }

    /**
     * Writes the result atomically ({@link AtomicFile}), pretty-printed.
     *
     * @param file where
     * @throws IllegalStateException for a result read from an older format: the harness writes only {@value #FORMAT}
     */
    public void write(Path file) {
        if (!FORMAT.equals(format)) {
            throw new IllegalStateException("results are written as " + FORMAT + ", not " + format);
        }
        AtomicFile.write(file, RunResultJson.bytes(this));
    }

    /**
     * @param file a result file
     * @return its result
     * @throws CredenceInputException naming the file and the field when it is not a result the harness wrote
     */
    public static RunResult read(Path file) {
        return RunResultJson.read(file);
    }

    /**
     * @param json a result's JSON object
     * @return the result
     * @throws CredenceInputException naming the field when it is not a result the harness wrote
     */
    public static RunResult fromJson(JsonNode json) {
        return RunResultJson.read(json);
    }
}
