package dev.credence.core.train;

import java.util.List;

/**
 * What a method minimises on one minibatch. The loop has zeroed every gradient before the call; the
 * objective runs forward and backward passes and accumulates the gradients of its loss.
 */
public interface Objective {

    /** @return names of the reported loss terms; the first is the value being minimised */
    List<String> termNames();

    /**
     * @param batch the minibatch
     * @param step  where the loop is, with the stream for this step's noise
     * @param terms receives one value per {@link #termNames()} entry
     */
    void computeGradients(Minibatch batch, StepInfo step, double[] terms);
}
