/**
 * Experiment suites: the JSON model, strict loading with precise errors, the runs a suite expands to, and its
 * validation, which resolves every method and dataset entry once ({@link dev.credence.experiments.suite.ValidatedSuite}).
 */
package dev.credence.experiments.suite;
