package dev.credence.core.spi;

import dev.credence.core.data.DenseData;
import dev.credence.core.train.TrainingListener;

/**
 * A method built on another method's fit, its base (an ensemble of it, a temperature on it, a Laplace
 * approximation at it): still a Tribuo trainer, with the base's trainer in its provenance. {@link #fit} fits the
 * base and then this method; a harness that already holds a fit of {@link #base()} on the same data calls
 * {@link #fitOn} instead, so one base fit serves every method built on it.
 */
public interface ComposedTrainer extends UncertaintyTrainer {

    /** @return the base method's trainer (a fresh one, seeded as the base would be on its own) */
    UncertaintyTrainer base();

    /**
     * @param base       the fit of {@link #base()}'s first invocation on {@code train} and {@code validation}
     * @param train      training data
     * @param validation validation data, or null
     * @param listener   progress of this method's own training, if any
     * @return this method's fit
     */
    FitResult fitOn(FitResult base, DenseData train, DenseData validation, TrainingListener listener);
}
