package dev.credence.experiments.bench;

import java.util.List;

/**
 * What one {@code bench} invocation measures.
 *
 * @param hidden     hidden layer widths
 * @param batch      minibatch size
 * @param examples   training examples per timed fit (one epoch over that many rows)
 * @param samples    predictive samples S at inference, or null for each method's own default
 * @param threads    GEMM threads
 * @param repeats    timed repetitions (the median is reported), after the warm-up
 * @param seed       seed of the data stand-in and of every fit
 * @param inferenceExamples rows passed through the predictive per timed inference
 * @param warmupSeconds untimed fits and inferences are repeated until this much time has passed (at least one)
 * @param architecture the methods' {@code architecture} as its JSON text ({@code lenet5}, or a list of layers), or
 *                     null for the MLP of {@code hidden}
 */
public record BenchSettings(List<Integer> hidden, int batch, int examples, Integer samples, int threads,
                            int repeats, long seed, int inferenceExamples, double warmupSeconds, String architecture) {

    /** The MLP of {@code hidden}. */
    public BenchSettings(List<Integer> hidden, int batch, int examples, Integer samples, int threads, int repeats, long seed,
                         int inferenceExamples, double warmupSeconds) {
        this(hidden, batch, examples, samples, threads, repeats, seed, inferenceExamples, warmupSeconds, null);
    }

    /** Checks ranges and copies the list. */
    public BenchSettings {
        hidden = List.copyOf(hidden);
        if (batch < 1 || examples < 1 || threads < 1 || repeats < 1 || inferenceExamples < 1) {
            throw new IllegalArgumentException("batch, examples, threads, repeats and inference examples must be ≥ 1");
        }
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("warm-up seconds must be ≥ 0, got " + warmupSeconds);
        }
        if (samples != null && samples < 1) {
            throw new IllegalArgumentException("samples must be ≥ 1");
        }
    }
}
