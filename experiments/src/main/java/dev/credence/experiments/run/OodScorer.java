package dev.credence.experiments.run;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.ood.OodSelection;
import dev.credence.datasets.ood.OodSet;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.OodDetection;
import dev.credence.experiments.metrics.OodScores;
import dev.credence.experiments.results.RunResult;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores a run's headline predictive on its out-of-distribution sets: the in-distribution scores come from the
 * headline's own pass over the test part ({@link #inDistribution}), and each OOD set costs one predictive pass of S
 * samples, its logits and their softmax giving every score the predictive has ({@link OodScores}), each scored against
 * the test part's ({@link OodDetection}).
 */
final class OodScorer {
    private final PreparedData data;
    private final int samples;

    /**
     * @param data    the run's data
     * @param samples S
     */
    OodScorer(PreparedData data, int samples) {
        this.data = data;
        this.samples = samples;
    }

    /**
     * @param predictive the headline predictive
     * @return its logit samples on the test part (the headline's pass: their softmax is its samples)
     */
    LogitSamples sampleLogits(Predictive predictive) {
        return predictive.sampleLogits(data.test().x(), samples);
    }

    /**
     * @param predictive the headline predictive
     * @param logits     its logits on the test part
     * @param probs      their softmax
     * @return the test part's scores
     */
    static Map<OodScores.Score, double[]> inDistribution(Predictive predictive, LogitSamples logits,
                                                         PredictiveSamples probs) {
        return OodScores.of(logits, probs, predictive.rawLogits());
    }

    /**
     * @param predictive the headline predictive
     * @param inScores   the test part's scores ({@link #inDistribution})
     * @param ood        the dataset's OOD sets
     * @param generated  gives each generated set's inputs
     * @return the detection metrics per set, in {@link OodSelection#names()} order
     */
    List<RunResult.OodResult> score(Predictive predictive, Map<OodScores.Score, double[]> inScores, OodSelection ood,
                                    Function<OodSet, FMatrixRMaj> generated) {
        return score(predictive, inScores, ood, generated, (name, x, meanProbs) -> { });
    }

    /**
     * As {@link #score(Predictive, Map, OodSelection, Function)}, handing each set's inputs and mean predictive to
     * {@code each} (scoring them against a reference) before the next set is made.
     */
    List<RunResult.OodResult> score(Predictive predictive, Map<OodScores.Score, double[]> inScores, OodSelection ood,
                                    Function<OodSet, FMatrixRMaj> generated, OodSink each) {
        List<RunResult.OodResult> out = new ArrayList<>();
        if (!ood.heldOutClasses().isEmpty()) {
            DenseData held = data.heldOut();
            out.add(score(OodSelection.HELD_OUT_CLASSES, predictive, inScores, held.x(), each));
        }
        for (OodSet set : ood.sets()) {
            out.add(score(set.jsonName(), predictive, inScores, generated.apply(set), each));
        }
        return out;
    }

    /** What else is done with the predictive on each OOD set. */
    @FunctionalInterface
    interface OodSink {
        /**
         * @param set       the set's name
         * @param x         its inputs
         * @param meanProbs the run's mean predictive on them
         */
        void accept(String set, FMatrixRMaj x, double[][] meanProbs);
    }

    private static boolean hasNaN(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    private RunResult.OodResult score(String name, Predictive predictive, Map<OodScores.Score, double[]> inScores,
                                      FMatrixRMaj x, OodSink each) {
        LogitSamples logits = predictive.sampleLogits(x, samples);
        PredictiveSamples probs = logits.softmax();
        Map<OodScores.Score, double[]> outScores = OodScores.of(logits, probs, predictive.rawLogits());
        each.accept(name, x, probs.meanProbabilities());
        int[] labels = data.test().y();
        int k = data.test().numClasses();
        Map<String, RunResult.OodMetrics> metrics = new LinkedHashMap<>();
        inScores.forEach((score, in) -> {
            double[] o = outScores.get(score);
            if (o == null || hasNaN(in) || hasNaN(o)) {
                return; // a score the pass lacks, or one undefined somewhere (non-finite logits), is left out
            }
            OodDetection d = OodDetection.of(in, o);
            List<Double> flagged = new ArrayList<>();
            for (double f : OodDetection.flaggedPerClass(in, labels, k, d.threshold())) {
                flagged.add(Double.isNaN(f) ? null : f);
            }
            metrics.put(score.jsonName(), new RunResult.OodMetrics(d.auroc(), d.auprOut(), d.auprIn(), d.fpr95(),
                    d.threshold(), flagged));
        });
        int[] histogram = EntropyHistogram.counts(outScores.get(OodScores.Score.entropy), k,
                EntropyHistogram.DEFAULT_BINS);
        return new RunResult.OodResult(name, x.numRows, metrics, histogram);
    }
}
