package dev.credence.methods.swag;

/**
 * The covariance of the SWAG Gaussian N(θ̄, Σ) (Maddox et al. 2019, §4), with Σ_diag the diagonal variance of the
 * iterates and D the d×K matrix of the last K deviations θ_i − θ̄_i.
 */
public enum SwagCovariance {
    /**
     * SWAG (§4.2): Σ = ½(Σ_diag + DDᵀ/(K − 1)), the average of the diagonal and the low-rank estimate; sampled as
     * θ̄ + (1/√2) Σ_diag^{1/2} z₁ + (1/√(2(K − 1))) D z₂ with z₁ ~ N(0, I_d), z₂ ~ N(0, I_K). Needs K ≥ 2.
     */
    low_rank,
    /**
     * SWAG-Diagonal (§4.1): Σ = Σ_diag, sampled as θ̄ + Σ_diag^{1/2} z, z ~ N(0, I_d).
     */
    diagonal
}
