package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.DivergenceException;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.ood.OodSelection;
import dev.credence.experiments.metrics.OodScores;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.VarianceSplit;
import dev.credence.experiments.metrics.ReferenceDistance;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes one planned run, in one pass: its prepared data (split, imbalance, standardization — seeded by the run
 * seed alone, so every method of a seed sees the same data; refused when the data changed since planning) → the fit
 * ({@link SharedFits}: a base shared by several rows is trained once) → the predictive sampled on the test part →
 * its metrics ({@link RunScorer}), and on each of the dataset's shifted test sets ({@link DataCache#shifted}, made
 * once for all methods of a dataset and seed), and, when its dataset names a reference, its distance from the
 * reference's predictive on each of them ({@link ReferenceScorer}; the reference fit shared like a base, and its
 * failure the run's, naming it) → the {@link RunResult}. A divergence is recorded as a
 * {@link RunResult.Status#DIVERGED diverged} result with method, epoch, step and last finite loss.
 *
 * <p>An executor runs one run at a time. To run several at once, give each thread its own {@link #worker()}; runs
 * that share a fit must go to the same one.
 */
public final class RunExecutor {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<PlannedRun> plan;
    private final DataCache data;
    private final AtomicInteger trained;
    private final SharedFits sharedFits;
    private String sharedFor;

    /**
     * @param plan the runs this executor will be asked to execute ({@link RunPlanner#plan}), to count how often each
     *             fit is needed
     * @param data the planner's prepared data
     */
    public RunExecutor(List<PlannedRun> plan, DataCache data) {
        this(plan, data, new AtomicInteger());
    }

    private RunExecutor(List<PlannedRun> plan, DataCache data, AtomicInteger trained) {
        this.plan = plan;
        this.data = data;
        this.trained = trained;
        this.sharedFits = new SharedFits(plan, trained);
    }

    /**
     * @return an executor of the same plan on the same data, with fits of its own, for a thread that executes runs at
     *     the same time as this one; its fits count in {@link #freshFits} of both
     */
    public RunExecutor worker() {
        return new RunExecutor(plan, data, trained);
    }

    /** @return fits of methods trained from scratch made so far by this executor and its workers (a shared base counts once) */
    public int freshFits() {
        return sharedFits.freshFits();
    }

    /**
     * @param run      a run of the plan
     * @param listener progress of training
     * @return its result, ok or diverged
     * @throws RuntimeException when the run fails (its data changed since planning, the method failed): the caller
     *     records it with {@link #failed}
     */
    public RunResult execute(PlannedRun run, TrainingListener listener) {
        return execute(run, listener, p -> { });
    }

    /**
     * As {@link #execute(PlannedRun, TrainingListener)}, handing the headline predictive's per-example predictions on
     * the test part to {@code predictions} (an ok run only) before the result is made.
     *
     * @param run         a run of the plan
     * @param listener    progress of training
     * @param predictions receives the headline's predictions
     * @return its result, ok or diverged
     */
    public RunResult execute(PlannedRun run, TrainingListener listener,
                             java.util.function.Consumer<ProbabilisticPredictions> predictions) {
        Seeds seeds = Seeds.of(run.spec().seed());
        PreparedData prepared = data.prepare(run.dataset(), seeds.data());
        requireUnchanged(run, prepared);
        RunResult.Identity id = run.identity();
        RunResult.Prepared what = prepared(prepared, seeds);
        RunResult.Method method = method(run, seeds);
        ObjectNode provenance = MAPPER.valueToTree(ProvenanceUtil.convertToMap(
                run.method().trainer(seeds.method(), seeds.own()).getProvenance()));

        long start = System.nanoTime();
        FitResult fit;
        try {
            fit = sharedFits(run).fit(run, prepared, seeds, listener);
        } catch (DivergenceException e) {
            return RunResult.diverged(id, what, method, provenance, divergence(e),
                    RunResult.Timings.training(seconds(start)));
        }
        double trainSeconds = seconds(start);
        // the reference is fitted (or taken from the shared fits) outside the run's own timings
        ReferenceScorer reference = run.reference() == null ? null : new ReferenceScorer(run.reference(),
                sharedFits(run).reference(run, prepared, seeds, listener), run.config().testSamples());

        int samples = run.config().testSamples() != null ? run.config().testSamples() : fit.testSamples();
        RunScorer scorer = new RunScorer(prepared, samples, run.config().bins());
        long predictStart = System.nanoTime();
        OodSelection ood = run.dataset().ood();
        OodScorer oodScorer = new OodScorer(prepared, samples);
        Map<OodScores.Score, double[]> inScores = null;
        PredictiveSamples predicted;
        if (ood.isEmpty()) {
            predicted = scorer.sample(fit.predictive());
        } else {
            // one pass gives the headline's samples and the test part's OOD scores
            LogitSamples logits = oodScorer.sampleLogits(fit.predictive());
            predicted = logits.softmax();
            inScores = OodScorer.inDistribution(fit.predictive(), logits, predicted);
        }
        double predictSeconds = seconds(predictStart);
        int sampled = predicted.sampleCount();
        ProbabilisticPredictions perExample = scorer.predictions(predicted);
        VarianceSplit split = RunScorer.split(predicted, perExample);
        predicted = null; // the S × N × K samples are released before the variants are sampled
        RunResult.Metrics headline = scorer.score(perExample, split);
        predictions.accept(perExample);
        ReferenceDistance referenceTest = reference == null ? null : reference.distance(perExample, prepared.test());
        perExample = null;
        List<RunResult.ShiftDistance> referenceShifts = new ArrayList<>();
        RunListener progress = RunListener.of(listener);
        int extraSets = run.dataset().shifts().points().size() + (inScores == null ? 0 : ood.names().size());
        long[] setClock = {System.nanoTime(), 0};
        var shifts = scorer.shifts(fit.predictive(), run.dataset().shifts().points(),
                point -> data.shifted(run.config().trainingKey(), run.dataset(), seeds.data(), prepared, point),
                (point, set, p) -> {
                    if (reference != null) {
                        referenceShifts.add(new RunResult.ShiftDistance(point.shift().jsonName(), point.level(),
                                reference.distance(p, set)));
                    }
                    setScored(progress, "shift " + point, extraSets, setClock);
                });
        List<RunResult.OodDistance> referenceOod = new ArrayList<>();
        List<RunResult.OodResult> oodResults = inScores == null ? List.of()
                : oodScorer.score(fit.predictive(), inScores, ood,
                        set -> data.ood(run.config().trainingKey(), run.dataset(), seeds.data(), prepared, set),
                        (set, x, meanProbs) -> {
                            if (reference != null) {
                                referenceOod.add(new RunResult.OodDistance(set, reference.distance(meanProbs, x)));
                            }
                            setScored(progress, "ood " + set, extraSets, setClock);
                        });
        inScores = null;
        var variants = scorer.variants(fit);
        var sweeps = scorer.sweeps(fit, headline);
        var grid = scorer.grid(fit);
        RunResult.Scored scored = new RunResult.Scored(sampled, headline, variants, sweeps, grid,
                MAPPER.valueToTree(fit.extras()), curve(fit), shifts.results(), oodResults,
                reference == null ? null : reference.scores(referenceTest, referenceShifts, referenceOod));
        return RunResult.ok(id, what, method, provenance, scored,
                timings(fit, prepared, trainSeconds, predictSeconds, shifts.seconds()));
    }

    /** Tells the listener one more extra set is scored; {@code clock} holds the last set's end and the count. */
    private static void setScored(RunListener progress, String set, int count, long[] clock) {
        long now = System.nanoTime();
        progress.onSetScored(set, (int) ++clock[1], count, (now - clock[0]) / 1e9);
        clock[0] = now;
    }

    /** Refuses a run whose data files changed since the plan took their digests. */
    private static void requireUnchanged(PlannedRun run, PreparedData prepared) {
        RunConfig.Digests planned = run.config().dataset().contentSha256();
        RunConfig.Digests now = DataCache.digests(prepared);
        if (!now.equals(planned)) {
            throw new CredenceInputException(run.dataset().entry().source() + ": the data changed since the suite started ("
                    + planned + " then, " + now + " now); run the suite again");
        }
    }

    /** @return the shared fits, emptied when the run trains on other data or another seed than the previous one */
    private SharedFits sharedFits(PlannedRun run) {
        String key = run.config().trainingKey();
        if (!key.equals(sharedFor)) {
            sharedFits.clear();
            sharedFor = key;
        }
        return sharedFits;
    }

    private static RunResult.Prepared prepared(PreparedData data, Seeds seeds) {
        return new RunResult.Prepared(seeds.data(), data.train().numFeatures(), data.classNames(), data.trainCounts(),
                data.hasValidation() ? data.validationCounts() : new int[0], data.testCounts());
    }

    private static RunResult.Method method(PlannedRun run, Seeds seeds) {
        boolean composed = run.method().base() != null;
        return new RunResult.Method(run.spec().method().name(), run.provider().name(), run.provider().description(),
                seeds.method(), composed ? seeds.own() : null, composed ? run.method().base().name() : null,
                MAPPER.valueToTree(run.method().params().asMap()));
    }

    private static RunResult.Divergence divergence(DivergenceException e) {
        return new RunResult.Divergence(e.method(), e.epoch(), e.step(),
                Double.isFinite(e.lastFiniteLoss()) ? e.lastFiniteLoss() : null, e.getMessage());
    }

    private static List<RunResult.Epoch> curve(FitResult fit) {
        List<RunResult.Epoch> out = new ArrayList<>();
        for (EpochRecord r : fit.history().epochs()) {
            out.add(new RunResult.Epoch(r.epoch(), r.terms()));
        }
        return out;
    }

    private static RunResult.Timings timings(FitResult fit, PreparedData data, double trainSeconds, double predictSeconds,
                                             Double shiftSeconds) {
        return new RunResult.Timings(trainSeconds, fit.history().seconds(), fit.history().examplesPerSecond(),
                predictSeconds, data.test().size() / predictSeconds,
                fit.history().epochs().stream().map(EpochRecord::seconds).toList(), shiftSeconds);
    }

    /**
     * @param run   a run that failed
     * @param error why
     * @return its result: status {@code failed}, dataset, method and a one-line message
     */
    public static RunResult failed(PlannedRun run, Throwable error) {
        return RunResult.failed(run.identity(), RunFailure.of(error));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
