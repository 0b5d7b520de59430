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
