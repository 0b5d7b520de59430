package dev.credence.experiments.run;

import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.Sweep;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.shift.ShiftSelection;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.MetricSuite;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.metrics.UncertaintyGrid;
import dev.credence.experiments.metrics.VarianceSplit;
import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a fit's predictives on a run's test part: every metric of PROTOCOL.md with the run's bins, plus the
 * variance split of the samples ({@link VarianceSplit}), the selective-prediction curve and the entropy histograms
 * the report draws. Every predictive is sampled S times.
 */
public final class RunScorer {
    private final PreparedData data;
    private final int samples;
    private final int bins;

    /**
     * @param data    the run's data
     * @param samples S
     * @param bins    calibration bins
     */
    RunScorer(PreparedData data, int samples, int bins) {
        this.data = data;
        this.samples = samples;
        this.bins = bins;
    }

    /**
     * @param predictive a predictive
     * @return its samples on the test part
     */
    PredictiveSamples sample(Predictive predictive) {
        return predictive.sample(data.test().x(), samples);
    }

    /**
     * @param s samples of a predictive on the test part
     * @return their metrics
     */
    RunResult.Metrics score(PredictiveSamples s) {
        ProbabilisticPredictions p = predictions(s);
        return score(p, split(s, p));
    }

    /**
     * @param s samples of a predictive
     * @param p the predictions they give ({@link #predictions})
     * @return the split of their predictive variance
     */
    static VarianceSplit split(PredictiveSamples s, ProbabilisticPredictions p) {
        return VarianceSplit.of(s.probs(), p.meanProbs());
    }

    /**
     * @param s samples of a predictive on the test part
     * @return the per-example mean predictive and expected entropy they give
     */
    ProbabilisticPredictions predictions(PredictiveSamples s) {
        return ProbabilisticPredictions.fromSamples(data.test().y(), s.probs(), s.n(), s.k());
    }

    /**
     * @param p     predictions on the test part
     * @param split the split of their predictive variance, from their samples
     * @return their metrics
     */
    RunResult.Metrics score(ProbabilisticPredictions p, VarianceSplit split) {
        return metrics(p, split, bins);
    }

    /**
     * @param p     predictions on a test set
     * @param split the split of their predictive variance, or null when the samples are gone
     * @param bins  calibration bins
     * @return their metrics as a result records them: the protocol's, the variance split, the selective-prediction
     *     curve and the entropy histograms
     */
    public static RunResult.Metrics metrics(ProbabilisticPredictions p, VarianceSplit split, int bins) {
        return RunResult.Metrics.of(MetricSuite.compute(p, bins), split,
                RunResult.Selective.byEntropy(SelectivePrediction.curve(p, SelectivePrediction.DEFAULT_STEPS)),
                EntropyHistogram.compute(p));
    }

    /**
     * @param predictive the headline predictive
     * @param points     the dataset's shifted test sets
     * @param shifted    gives each shifted test part
     * @param each       receives each set's point, the set and the predictions on it, before the next set is made
     * @return the metrics on each, in order: one predictive pass of S samples per set, scored as the test part is;
     *     and the seconds the passes and the metrics took (getting the sets and {@code each} excluded)
     */
    Shifted shifts(Predictive predictive, List<ShiftSelection.Point> points,
                   java.util.function.Function<ShiftSelection.Point, DenseData> shifted, ShiftSink each) {
        List<RunResult.ShiftResult> out = new ArrayList<>();
        long nanos = 0;
        for (ShiftSelection.Point point : points) {
            DenseData set = shifted.apply(point);
            long start = System.nanoTime();
            PredictiveSamples s = predictive.sample(set.x(), samples);
            ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(set.y(), s.probs(), s.n(), s.k());
            out.add(new RunResult.ShiftResult(point.shift().jsonName(), point.level(), metrics(p, split(s, p), bins)));
            nanos += System.nanoTime() - start;
            each.accept(point, set, p);
        }
        return new Shifted(out, points.isEmpty() ? null : nanos / 1e9);
    }

    /**
     * The headline predictive scored on the shifted test sets.
     *
     * @param results the metrics on each set, in order
     * @param seconds the predictive passes' and metrics' time, or null without sets
     */
    record Shifted(List<RunResult.ShiftResult> results, Double seconds) {
    }

    /** What else is done with the predictions on each shifted test set (scoring them against a reference). */
    @FunctionalInterface
    interface ShiftSink {
        /**
         * @param point the shift and level
         * @param set   the shifted test set
         * @param p     the predictions on it
         */
        void accept(ShiftSelection.Point point, DenseData set, ProbabilisticPredictions p);
    }

    /** @return the metrics of the fit's named variants, in its order */
    Map<String, RunResult.Metrics> variants(FitResult fit) {
        Map<String, RunResult.Metrics> out = new LinkedHashMap<>();
        fit.variants().forEach((name, v) -> out.put(name, score(sample(v))));
        return out;
    }

    /**
     * @param fit      the fit
     * @param headline the metrics of its headline predictive
     * @return each declared sweep with its points in the method's order; a point whose predictive is the headline
     *     itself is not sampled again: its metrics are the headline's, and it says so
     */
    List<RunResult.SweepResult> sweeps(FitResult fit, RunResult.Metrics headline) {
        List<RunResult.SweepResult> out = new ArrayList<>();
        for (Sweep sweep : fit.sweeps()) {
            List<RunResult.SweepPoint> points = new ArrayList<>();
            for (Sweep.Point point : sweep.points()) {
                boolean isHeadline = point.predictive() == fit.predictive();
                points.add(new RunResult.SweepPoint(point.value(), isHeadline,
                        isHeadline ? headline : score(sample(point.predictive()))));
            }
            out.add(new RunResult.SweepResult(sweep.axis(), sweep.description(), sweep.scale(), points));
        }
        return out;
    }

    /** @return the headline predictive's uncertainty over the plane when the data are 2-D, else null */
    UncertaintyGrid.Grid grid(FitResult fit) {
        return UncertaintyGrid.applies(data.train()) ? UncertaintyGrid.compute(fit.predictive(), data.train(), samples) : null;
    }
}
