package dev.credence.methods.bbb;

/** The weight priors BBB can use. */
public enum PriorFamily {
    /** N(0, σ_p²) on every weight and bias: closed-form KL */
    gaussian,
    /** π·N(0, σ₁²) + (1 − π)·N(0, σ₂²) (Blundell et al. 2015): Monte Carlo KL, needs sampled weights */
    scale_mixture
}
