package dev.credence.methods.laplace;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.Predictive;
import org.ejml.data.FMatrixRMaj;

import java.util.Objects;

/**
 * The last-layer Laplace predictive: the base's point network up to its penultimate layer, then the Gaussian posterior
 * over its last layer. Probit: one deterministic sample whose logits are f_k / √(1 + π/8·Σ_f,kk)
 * ({@link ProbitPredictive#logitSamples}); Monte Carlo: S last layers drawn from the posterior with a fixed seed
 * ({@link MonteCarloPredictive#sampleLogits}), so the same seed gives the same S networks whatever is predicted.
 */
public final class LaplacePredictive implements Predictive {
    private static final long serialVersionUID = 1L;

    private final PointNetwork network;
    private final Posterior posterior;
    private final boolean monteCarlo;
    private final long seed;

    /**
     * @param network    the base's point network (read only: its last layer is the posterior mean)
     * @param posterior  the last-layer posterior
     * @param monteCarlo whether to sample last layers (else the probit approximation)
     * @param seed       seed of the Monte Carlo draws (unused by probit)
     */
    public LaplacePredictive(PointNetwork network, Posterior posterior, boolean monteCarlo, long seed) {
        this.network = Objects.requireNonNull(network, "network");
        this.posterior = Objects.requireNonNull(posterior, "posterior");
        this.monteCarlo = monteCarlo;
        this.seed = seed;
    }

    /** @return the posterior over the last layer */
    public Posterior posterior() {
        return posterior;
    }

    /** @return true: the logits are the network's own outputs */
    @Override
    public boolean rawLogits() {
        return true;
    }

    @Override
    public int numClasses() {
        return posterior.mean().classes();
    }

    /** @return true for Monte Carlo, false for probit (one deterministic sample) */
    @Override
    public boolean stochastic() {
        return monteCarlo;
    }

    /**
     * @param x       N×D inputs, standardized as the training data was
     * @param samples S; probit returns one sample whatever S
     * @return the logit samples
     */
    @Override
    public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        FMatrixRMaj features = network.features(x);
        if (monteCarlo) {
            return MonteCarloPredictive.sampleLogits(posterior, features, Math.max(1, samples), seed);
        }
        return ProbitPredictive.logitSamples(posterior.logits(features));
    }

    @Override
    public String toString() {
        return "LaplacePredictive(" + (monteCarlo ? "mc" : "probit") + ", λ=" + posterior.priorPrecision() + ")";
    }
}
