package dev.credence.experiments.metrics;

/**
 * Metrics restricted to the test examples of one true class k (n_k of them), so head and tail classes can be
 * compared. accuracy = recall_k; nll = mean &minus;ln(max(p_{i,k}, 1e&minus;12)) over y_i = k; ece = the top-label
 * B-bin ECE over y_i = k (weights n_b/n_k). All three are null when n_k = 0.
 *
 * @param classIndex k
 * @param count n_k
 * @param accuracy recall of class k, or null
 * @param nll mean NLL over class-k examples, or null
 * @param ece top-label ECE over class-k examples, or null
 */
public record ClassMetrics(int classIndex, int count, Double accuracy, Double nll, Double ece) {
}
