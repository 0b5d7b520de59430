/**
 * Stochastic-gradient MCMC on the shared engine: the Langevin integrator ({@link dev.credence.core.sampling.Langevin},
 * an {@link dev.credence.core.engine.Optimizer} driven by the usual training loop), its step-size schedules, the
 * posterior energy U(θ) it descends, the hook that keeps thinned parameter snapshots, and the predictive that averages
 * over them.
 */
package dev.credence.core.sampling;
