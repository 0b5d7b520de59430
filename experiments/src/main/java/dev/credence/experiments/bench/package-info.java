/**
 * Throughput measurements: the {@code bench} command's training/inference benchmark of each method on the
 * protocol network ({@link dev.credence.experiments.bench.MethodBenchmark}), the matrix-multiply benchmark of
 * the engine's GEMM shapes ({@link dev.credence.experiments.bench.KernelBenchmark}), and the data they run on.
 * Numbers are printed, never asserted.
 */
package dev.credence.experiments.bench;
