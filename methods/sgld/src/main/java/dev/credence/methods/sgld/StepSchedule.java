package dev.credence.methods.sgld;

/** How SGLD's step size evolves over the updates. */
public enum StepSchedule {
    /** ε_t = ε */
    constant,
    /** ε_t = ε·(1 + t/b)^(−γ) = a(b + t)^(−γ) with a = ε·b^γ (Welling &amp; Teh 2011) */
    polynomial,
    /**
     * cSGLD (Zhang et al. 2020): M cosine cycles from ε down to ~0, each first exploring (no noise) for a fraction β
     * and then sampling ({@link dev.credence.core.sampling.StepSizeSchedule.Cyclical})
     */
    cyclical
}
