/** The Tribuo bridge: the base trainer with shared hyperparameters, the probabilistic model, dense conversion and provenance. */
package dev.credence.core.tribuo;
