package dev.credence.core.train;

import dev.credence.core.random.Rng;

/**
 * Where the training loop is: passed to the objective and the step hook.
 *
 * @param epoch          0-based epoch
 * @param step           0-based step within the epoch
 * @param stepsPerEpoch  minibatches per epoch
 * @param globalStep     0-based step counted over all epochs
 * @param trainSize      N_train, the number of training examples
 * @param rng            the stream for this step's noise
 */
public record StepInfo(int epoch, int step, int stepsPerEpoch, long globalStep, int trainSize, Rng rng) {
}
