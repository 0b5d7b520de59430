/**
 * Executing a validated suite, in one pass: {@link dev.credence.experiments.run.RunPlanner} (every run's data
 * prepared, budget checked, configuration fingerprinted, data shape kept for the cost model) →
 * {@link dev.credence.experiments.run.RunExecutor} (prepared data → fit, shared by the rows that build on it →
 * predictive → metrics by {@link dev.credence.experiments.run.RunScorer} →
 * {@link dev.credence.experiments.results.RunResult}) → {@link dev.credence.experiments.run.SuiteRunner} (resume,
 * claims, progress); and a suite's plan split into shards balanced by expected cost
 * ({@link dev.credence.experiments.run.Shards}, {@link dev.credence.experiments.run.RunCost}).
 */
package dev.credence.experiments.run;
