/**
 * The numerical core of last-layer Laplace (MacKay 1992; Daxberger et al. 2021, "Laplace Redux"): the generalised
 * Gauss-Newton curvature of the training cross-entropy with respect to the last layer's weights and bias, in three
 * structures ({@link dev.credence.methods.laplace.Structure}); the Gaussian posterior N(θ*, (GGN + λI)⁻¹); the
 * choice of the prior precision λ by the Laplace evidence or by a validation grid; and the predictive by Monte Carlo
 * or by the extended probit approximation.
 *
 * <h2>Parameter order</h2>
 * θ has P = K(H+1) entries, class-major: θ[k(H+1) + j] = W[j][k] for j &lt; H and θ[k(H+1) + H] = b[k], where W is
 * the H×K weight as {@link dev.credence.core.engine.DenseLayer} stores it (logits = φ·W + b). With the augmented
 * feature ã = (φ, 1), logit k is f_k = Σ_j θ[k(H+1) + j] ã_j, so the Jacobian of the logits is J = I_K ⊗ ãᵀ and
 * the GGN of one example is Λ ⊗ ã ãᵀ, Λ = diag(p) − p pᵀ.
 *
 * <p>Everything here is pure: inputs are the penultimate features of the training set, the MAP last layer and the
 * labels; no network is trained and nothing is registered as a method.
 *
 * <p>The dense double-precision algebra (Cholesky, the inverse of its factor, the symmetric eigendecomposition) is
 * EJML's (ejml-ddense), reached through the package-private {@code DenseAlgebra}; the GGN itself is built with the
 * float32 SGEMM of {@code credence-core}.
 */
package dev.credence.methods.laplace;
