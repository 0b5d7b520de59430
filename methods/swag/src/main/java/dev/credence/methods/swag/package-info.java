/**
 * SWAG, the SWA-Gaussian posterior of Maddox et al. 2019 ("A Simple Baseline for Bayesian Uncertainty in Deep
 * Learning"), as method "swag" built on a base's point network ({@link dev.credence.methods.swag.SwagProvider},
 * {@link dev.credence.methods.swag.SwagTrainer}): {@link dev.credence.methods.swag.SwagCollector} gathers the moments
 * of SGD iterates as a step hook on the shared training loop, {@link dev.credence.methods.swag.SwagPosterior} is the
 * fitted Gaussian, sampled with the diagonal or the low-rank-plus-diagonal covariance
 * ({@link dev.credence.methods.swag.SwagCovariance}), and its predictive averages the softmax outputs of sampled
 * networks through the core's snapshot predictive.
 */
package dev.credence.methods.swag;
