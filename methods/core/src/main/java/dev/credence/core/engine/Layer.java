package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;
import java.util.List;

/**
 * One block of a feed-forward network acting on a minibatch (rows = examples). A layer keeps what its
 * backward pass needs from the last forward pass and reuses its output buffers between calls, so a
 * training step allocates nothing once shapes are stable.
 */
public interface Layer extends Serializable {

    /**
     * @param input minibatch, B×in (must stay unchanged until {@link #backward} returns)
     * @param mode  training, sampled or mean prediction
     * @param rng   the stream stochastic layers draw from
     * @return B×out output, owned by the layer (valid until the next forward)
     */
    FMatrixRMaj forward(FMatrixRMaj input, Mode mode, Rng rng);

    /**
     * Back-propagates through the last forward pass: adds parameter gradients into {@link Param#grad()}.
     *
     * @param gradOutput     dLoss/dOutput, B×out
     * @param needInputGrad  false for the first layer, where dLoss/dInput is not needed
     * @return dLoss/dInput, B×in, owned by the layer, or null when not needed
     */
    FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInputGrad);

    /**
     * Draws the layer's initial parameters (no-op for layers without parameters).
     *
     * @param rng stream
     */
    default void initialize(Rng rng) {
    }

    /** @return trainable parameters (empty for activations) */
    default List<Param> params() {
        return List.of();
    }

    /** @return output width given the input width */
    int outputSize(int inputSize);

    /**
     * Whether a forward pass in {@code mode} may draw from the stream or otherwise differ between two calls on the
     * same input. The default assumes any layer is random in a stochastic mode; layers that never are say so, which
     * lets S sampled passes share the layers before the first random one ({@link Network#deterministicPrefix}).
     *
     * @param mode the mode of the pass
     * @return true when the output may vary between passes
     */
    default boolean randomIn(Mode mode) {
        return mode.stochastic();
    }
}
