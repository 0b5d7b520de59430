package dev.credence.core.sampling;

/**
 * A target density π(q) ∝ exp(−U(q)) for {@link HamiltonianMonteCarlo}: the potential energy U and its gradient.
 * A network posterior binds its parameters to q; a test binds a plain function.
 */
public interface HamiltonianTarget {

    /** @return the dimension of q */
    int dimension();

    /**
     * @param q        the position (not modified)
     * @param gradient receives ∇U(q)
     * @return U(q); a non-finite value (or gradient entry) stops the sampler as diverged
     */
    double energy(double[] q, double[] gradient);
}
