package dev.credence.core.spi;

import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/**
 * A fitted method's predictive distribution: S sampled probability vectors per example (S = 1 for a point
 * estimate). Sampling is seeded by the fit, so the same input gives the same samples on every call.
 */
public interface Predictive extends Serializable {

    /** @return number of classes K */
    int numClasses();

    /** @return whether repeated samples differ; false means S is always 1 */
    boolean stochastic();

    /**
     * Whether {@link #sampleLogits} gives unnormalised logits: a network's own outputs, or a map of them that keeps their
     * scale information (a temperature, a probit scaling, a constant offset per class), so that their log-sum-exp
     * (the energy score) and their maximum tell more than the softmax does. False when they are log-probabilities
     * (normalised: the log-sum-exp is 0 or a fixed function of the softmax), and by default: a predictive says so
     * itself, and the harness computes energy and max-logit OOD scores only for one that does.
     *
     * @return whether the logits are unnormalised
     */
    default boolean rawLogits() {
        return false;
    }

    /**
     * @param x       N×D features, standardized as the training data was
     * @param samples S wanted; a deterministic predictive returns one sample
     * @return the sampled logit vectors, whose softmax is {@link #sample}: new arrays on every call, owned by the caller
     *     (a predictive built on this one may rewrite them in place)
     */
    LogitSamples sampleLogits(FMatrixRMaj x, int samples);

    /**
     * @param x       N×D features, standardized as the training data was
     * @param samples S wanted; a deterministic predictive returns one sample
     * @return the sampled probability vectors: the softmax of {@link #sampleLogits}, sample by sample
     */
    default PredictiveSamples sample(FMatrixRMaj x, int samples) {
        return sampleLogits(x, samples).softmax();
    }
}
