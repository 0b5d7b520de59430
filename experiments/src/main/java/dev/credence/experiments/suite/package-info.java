/** Experiment suites: the JSON model, strict loading with precise errors, and the runs a suite expands to. */
package dev.credence.experiments.suite;
