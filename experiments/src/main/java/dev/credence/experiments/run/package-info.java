/** Executing runs and suites: data preparation, fitting, scoring, result JSON, progress, and a suite split into shards. */
package dev.credence.experiments.run;
