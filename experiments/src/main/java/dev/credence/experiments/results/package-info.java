/**
 * Run results and where they live: the result format ({@link dev.credence.experiments.results.RunResult}, with its
 * configuration {@link dev.credence.experiments.results.RunConfig}), one atomically written file per run
 * ({@link dev.credence.experiments.results.ResultStore}), the folder's manifest, lock and claims, and the comparison
 * of two folders.
 */
package dev.credence.experiments.results;
