package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A feed-forward stack of layers mapping B×in inputs to B×K logits. */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int inputSize;
    private final int outputSize;
    private final List<Layer> layers;
    private final List<Param> params;

    /**
     * @param inputSize input width
     * @param layers    the layers, applied in order
     */
    public Network(int inputSize, List<Layer> layers) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        int width = inputSize;
        List<Param> all = new ArrayList<>();
        for (Layer layer : this.layers) {
            width = layer.outputSize(width);
            all.addAll(layer.params());
        }
        this.outputSize = width;
        this.params = Collections.unmodifiableList(all);
    }

    /** @return input width */
    public int inputSize() {
        return inputSize;
    }

    /** @return output width (number of classes) */
    public int outputSize() {
        return outputSize;
    }

    /** @return the layers in order */
    public List<Layer> layers() {
        return layers;
    }

    /** @return every trainable parameter, layer by layer */
    public List<Param> params() {
        return params;
    }

    /** @return total number of trainable scalars */
    public long parameterCount() {
        long n = 0;
        for (Param p : params) {
            n += p.size();
        }
        return n;
    }

    /**
     * @param x    B×in
     * @param mode training, sampled or mean prediction
     * @param rng  stream for stochastic layers
     * @return B×K logits (owned by the last layer)
     */
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        return forwardLayers(0, layers.size(), x, mode, rng);
    }

    /**
     * @param mode the mode of the passes
     * @return the number of leading layers that give the same output on every pass in {@code mode} (all of them
     * when none is random): their output can be computed once and shared by S sampled passes
     */
    public int deterministicPrefix(Mode mode) {
        int i = 0;
        while (i < layers.size() && !layers.get(i).randomIn(mode)) {
            i++;
        }
        return i;
    }

    /**
     * Runs layers {@code from} … {@code to − 1} on {@code h}, the output of layer {@code from − 1} (or the input
     * when {@code from} is 0).
     *
     * @param from first layer to run
     * @param to   one past the last layer to run (≤ number of layers)
     * @param h    input of layer {@code from}
     * @param mode training, sampled or mean prediction
     * @param rng  stream for stochastic layers
     * @return the output of layer {@code to − 1} (owned by it), or {@code h} when no layer runs
     */
    public FMatrixRMaj forwardLayers(int from, int to, FMatrixRMaj h, Mode mode, Rng rng) {
        for (int i = from; i < to; i++) {
            h = layers.get(i).forward(h, mode, rng);
        }
        return h;
    }

    /** @param gradLogits dLoss/dLogits of the last forward pass; parameter gradients are accumulated */
    public void backward(FMatrixRMaj gradLogits) {
        FMatrixRMaj g = gradLogits;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
    }

    /** @return an independent deep copy (through Java serialization; work buffers are rebuilt on first use) */
    public Network copy() {
        return dev.credence.core.DeepCopy.of(this);
    }

    /**
     * Initialises every layer, each from its own split of the stream.
     *
     * @param rng stream
     * @return this network
     */
    public Network initialize(Rng rng) {
        for (Layer layer : layers) {
            layer.initialize(rng.split());
        }
        return this;
    }

    /** Sets every parameter gradient to zero. */
    public void zeroGrad() {
        for (Param p : params) {
            p.zeroGrad();
        }
    }
}
