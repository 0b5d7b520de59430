/**
 * The metrics of PROTOCOL.md, section "Metrics", exact to the bin edge.
 *
 * <p>Input is a {@link dev.credence.experiments.metrics.ProbabilisticPredictions} (labels, mean predictive
 * p_i, per-example expected entropy); {@link dev.credence.experiments.metrics.MetricSuite#compute} returns a
 * {@link dev.credence.experiments.metrics.MetricReport}; the result format ({@code experiments.results.RunResult})
 * writes it with the protocol's JSON keys. Nothing here reads or writes JSON. Everything is computed in double and summed in index order, so results are
 * deterministic. Undefined values are {@code null} (JSON null), never NaN.
 *
 * <p>Binning rule shared by every binned metric ({@link dev.credence.experiments.metrics.ConfidenceBinning}):
 * with B bins, a value c in [0, 1] goes to the smallest b in 1..B with {@code c <= b / (double) B}, so a value
 * exactly on an edge goes to the lower bin and c = 0 goes to bin 1.
 */
package dev.credence.experiments.metrics;
