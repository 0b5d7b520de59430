/**
 * Throughput measurements: the {@code bench} command's training/inference benchmark of each method on the
 * protocol network ({@link dev.credence.experiments.bench.MethodBenchmark}), the phase timings of the methods built
 * on a map fit ({@link dev.credence.experiments.bench.ComposedBenchmark}: deep ensemble, temperature scaling,
 * last-layer Laplace, SWAG, each through its module's own code), the matrix-multiply benchmark of the engine's GEMM
 * shapes ({@link dev.credence.experiments.bench.KernelBenchmark}), and the data they run on. Numbers are printed,
 * never asserted.
 */
package dev.credence.experiments.bench;
