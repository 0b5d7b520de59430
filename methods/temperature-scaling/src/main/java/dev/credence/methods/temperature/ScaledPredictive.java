package dev.credence.methods.temperature;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.Predictive;
import org.ejml.data.FMatrixRMaj;

import java.util.Objects;

/**
 * A base predictive with a fitted {@link LogitScaling} applied to its logits, sample by sample: sample s is
 * softmax(scaling(z_s)) where z_s is the base's sample s, so a sampled base is averaged after scaling. The base's
 * samples (their number and their noise) are unchanged; with the identity scaling (T = 1, or w = 1 and b = 0) every
 * value is the base's, bit for bit.
 */
public final class ScaledPredictive implements Predictive {
    private static final long serialVersionUID = 1L;

    private final Predictive base;
    private final LogitScaling scaling;

    /**
     * @param base    the base method's predictive
     * @param scaling the scaling fitted on its validation logits
     */
    public ScaledPredictive(Predictive base, LogitScaling scaling) {
        this.base = Objects.requireNonNull(base, "base");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
    }

    /** @return the base predictive */
    public Predictive base() {
        return base;
    }

    /** @return the fitted scaling */
    public LogitScaling scaling() {
        return scaling;
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    /** @return the base's: a scaling of unnormalised logits is unnormalised */
    @Override
    public boolean rawLogits() {
        return base.rawLogits();
    }

    /** @return the base's: the scaling draws nothing */
    @Override
    public boolean stochastic() {
        return base.stochastic();
    }

    /**
     * @param x       N×D features, standardized as the training data was
     * @param samples S wanted; the base decides how many come back
     * @return the base's logit samples, each replaced by its scaled copy as it is made (so at most one sample more
     *     than the base's S × N × K floats is held at once)
     */
    @Override
    public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        LogitSamples z = base.sampleLogits(x, samples);
        float[][] logits = z.logits();
        for (int s = 0; s < logits.length; s++) {
            logits[s] = scaling.apply(z.sample(s)).data;
        }
        return z;
    }

    @Override
    public String toString() {
        return "ScaledPredictive(" + scaling + " on " + base.getClass().getSimpleName() + ")";
    }
}
