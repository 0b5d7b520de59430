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

    /**
     * How many samples the fit's predictives will return, known before fitting, so a caller can size the probability
     * arrays it will ask for.
     *
     * @param requested S the caller will ask each predictive for (≥ 1), or null for the fit's own
     *                  {@link FitResult#testSamples()}
     * @return the samples each predictive of the fit (headline and variants) returns for that request
     */
    int predictiveSamples(Integer requested);

    /**
     * Checks a run of this trainer and estimates its memory without allocating anything of the size of the model
     * (microseconds): the same rules {@link #fit} applies before it trains. The default checks nothing and gives no
     * estimate ({@link Footprint#none()}).
     *
     * @param run the run's data shape
     * @return the estimate of the trainer's own arrays
     * @throws dev.credence.core.CredenceInputException one line naming the hyperparameter to change, when the run cannot
     *                                                   work whatever the heap
     */
    default Footprint preflight(RunShape run) {
        return Footprint.none();
    }

    /**
     * The compute per parameter of one training row, relative to a fully connected network's: what turns the
     * parameter count of {@link #preflight} into work for balancing runs. The default, 1, is a dense network's (or
     * any method's whose work follows its parameters); a network method answers
     * {@link dev.credence.core.engine.NetworkShape#multiplyAddsPerWeight} of its network on this run.
     *
     * @param run the run's data shape
     * @return multiply-adds per weight, ≥ 1 for networks
     */
    default double multiplyAddsPerWeight(RunShape run) {
        return 1.0;
    }
}
