/**
 * The {@code score} command: metrics of an external predictions CSV ({@code label,p_0,...,p_{K-1}}), computed
 * with {@link dev.credence.experiments.metrics.MetricSuite} and printed as one JSON object.
 */
package dev.credence.experiments.score;
