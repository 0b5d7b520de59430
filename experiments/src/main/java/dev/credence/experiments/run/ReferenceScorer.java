package dev.credence.experiments.run;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.FitResult;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.metrics.ReferenceDistance;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.ResolvedMethod;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores a run's headline predictive against its dataset's reference fit, set by set: on each set the reference's
 * mean predictive is sampled as the reference's own row samples it (the suite's S, else the fit's own), and compared
 * with the run's ({@link ReferenceDistance}). The test part, every shifted test set and every out-of-distribution
 * set go through {@link #distance}.
 */
final class ReferenceScorer {
    private final ResolvedMethod reference;
    private final FitResult fit;
    private final int samples;

    /**
     * @param reference          the reference's method entry
     * @param fit                its fit on the run's training data and seed
     * @param suiteSamples       the suite's S, or null for the fit's own
     */
    ReferenceScorer(ResolvedMethod reference, FitResult fit, Integer suiteSamples) {
        this.reference = reference;
        this.fit = fit;
        this.samples = suiteSamples != null ? suiteSamples : fit.testSamples();
    }

    /**
     * @param p   the run's predictions on a set
     * @param set that set
     * @return the run's distance from the reference on it
     */
    ReferenceDistance distance(ProbabilisticPredictions p, DenseData set) {
        return distance(p.meanProbs(), set.x());
    }

    /**
     * @param meanProbs the run's mean predictive on a set, one row per input
     * @param x         that set's inputs
     * @return the run's distance from the reference on it
     */
    ReferenceDistance distance(double[][] meanProbs, org.ejml.data.FMatrixRMaj x) {
        return ReferenceDistance.between(meanProbs, fit.predictive().sample(x, samples).meanProbabilities());
    }

    /**
     * @param test   the distance on the test part
     * @param shifts the distances on the shifted test sets, in the order scored
     * @param ood    the distances on the OOD sets, in the order scored
     * @return the result's reference block
     */
    RunResult.ReferenceScores scores(ReferenceDistance test, List<RunResult.ShiftDistance> shifts,
                                     List<RunResult.OodDistance> ood) {
        return new RunResult.ReferenceScores(reference.name(), reference.config().fingerprint(), test,
                new ArrayList<>(shifts), new ArrayList<>(ood));
    }
}
