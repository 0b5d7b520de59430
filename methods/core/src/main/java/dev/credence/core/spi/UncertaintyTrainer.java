package dev.credence.core.spi;

import dev.credence.core.data.DenseData;
import dev.credence.core.train.TrainingListener;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * The shared trainer interface: a real Tribuo {@code Trainer<Label>} plus what the harness needs and Tribuo
 * lacks — training on a dense table with a listener, and a predictive of S sampled probability vectors.
 */
public interface UncertaintyTrainer extends Trainer<Label> {

    /** @return the method's registry name, e.g. "map" */
    String methodName();

    /**
     * Trains on a dense table. Each call takes the next split of the trainer's seeded stream, exactly like
     * {@link #train(org.tribuo.Dataset)}, so a fresh trainer with the same seed reproduces the same fit.
     *
     * @param train      training data (standardized)
     * @param validation validation data, or null; used only for choices the method declares
     * @param listener   receives progress and loss terms
     * @return the fitted predictive and its training curve
     */
    FitResult fit(DenseData train, DenseData validation, TrainingListener listener);
}
