/** Executing runs and suites: data preparation, fitting, scoring, result JSON, progress. */
package dev.credence.experiments.run;
