/**
 * Markov chain Monte Carlo on the shared engine. Stochastic-gradient MCMC: the Langevin integrator
 * ({@link dev.credence.core.sampling.Langevin}, an {@link dev.credence.core.engine.Optimizer} driven by the usual
 * training loop), its step-size schedules, the posterior energy U(θ) it descends, and the hook that keeps thinned
 * parameter snapshots. Full-batch Hamiltonian Monte Carlo on any {@link dev.credence.core.sampling.HamiltonianTarget}
 * ({@link dev.credence.core.sampling.HamiltonianMonteCarlo}: {@link dev.credence.core.sampling.Leapfrog},
 * {@link dev.credence.core.sampling.DualAveraging}), several chains on a thread pool
 * ({@link dev.credence.core.sampling.ChainPool}) and their {@link dev.credence.core.sampling.ConvergenceDiagnostics}.
 * The predictive that averages over kept snapshots serves both.
 */
package dev.credence.core.sampling;
