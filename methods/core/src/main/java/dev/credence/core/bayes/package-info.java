/**
 * Mean-field Gaussian weights for variational Bayesian networks (Bayes by Backprop and its relatives):
 * {@link dev.credence.core.bayes.GaussianTensor} (q(w) = N(μ, σ²), σ = softplus(ρ)), the affine layers that
 * sample from it ({@link dev.credence.core.bayes.SampledWeightLayer}, {@link dev.credence.core.bayes.LocalReparamLayer},
 * {@link dev.credence.core.bayes.FlipoutLayer}), the convolutions built on them
 * ({@link dev.credence.core.bayes.GaussianConv2d}),
 * weight priors and the KL divergence KL(q ‖ p) with its gradients wrt μ and ρ.
 */
package dev.credence.core.bayes;
