package dev.credence.experiments.metrics;

/**
 * One bin of a reliability diagram: bin b covers (lower, upper] = ((b&minus;1)/B, b/B] (bin 1 also holds 0).
 *
 * @param bin 1-based bin index b
 * @param lower (b&minus;1)/B
 * @param upper b/B
 * @param count n_b, the number of scores in the bin
 * @param confidence conf_b = mean score in the bin; null when the bin is empty
 * @param accuracy acc_b = fraction of events (for top-label: of correct predictions); null when empty
 */
public record ReliabilityBin(int bin, double lower, double upper, int count, Double confidence, Double accuracy) {
}
