/** The result store: one atomically written JSON file per run. */
package dev.credence.experiments.results;
