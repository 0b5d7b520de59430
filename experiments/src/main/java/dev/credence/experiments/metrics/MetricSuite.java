package dev.credence.experiments.metrics;

/**
 * The single entry point: every metric of PROTOCOL.md for one set of predictions.
 *
 * <pre>{@code
 * MetricReport r = MetricSuite.compute(ProbabilisticPredictions.fromSamples(labels, samples, n, k));
 * double ece = r.ece();
 * }</pre>
 * A run result records it as {@code RunResult.Metrics} ({@code experiments.results}), which writes its JSON.
 */
public final class MetricSuite {

    private MetricSuite() {
    }

    /**
     * @param p predictions
     * @return the report with the protocol's default of {@value ConfidenceBinning#DEFAULT_BINS} bins
     */
    public static MetricReport compute(ProbabilisticPredictions p) {
        return compute(p, ConfidenceBinning.DEFAULT_BINS);
    }

    /**
     * @param p predictions
     * @param bins B &ge; 1, for ECE, MCE, ACE, classwise ECE, per-class ECE and the reliability bins
     * @return the report
     */
    public static MetricReport compute(ProbabilisticPredictions p, int bins) {
        ConfidenceBinning.checkBins(bins);
        CalibrationBins top = CalibrationBins.topLabel(p, bins);
        double entropy = UncertaintyMetrics.entropy(p);
        double expected = UncertaintyMetrics.expectedEntropy(p);
        SelectiveRisk.Result risk = SelectiveRisk.of(p);
        return new MetricReport(
                ClassificationMetrics.accuracy(p),
                ClassificationMetrics.balancedAccuracy(p),
                ProperScoringRules.nll(p),
                ProperScoringRules.brier(p),
                top.ece(),
                top.mce(),
                AdaptiveCalibration.ace(p, bins),
                ClasswiseCalibration.classwiseEce(p, bins),
                entropy,
                expected,
                entropy - expected,
                MisclassificationAuroc.auroc(p),
                risk.aurc(),
                risk.excessAurc(),
                bins,
                p.size(),
                p.numClasses(),
                PerClassMetrics.compute(p, bins),
                top.reliability());
    }
}
