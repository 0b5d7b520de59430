package dev.credence.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a multi-layer perceptron: input width, hidden widths, activation, classes. Methods build
 * their network from it, choosing the kind of affine layer (point weights, Gaussian weights) and what goes
 * after each hidden activation (e.g. dropout), so the stacking logic exists once.
 *
 * @param inputSize  input width
 * @param hidden     hidden widths (may be empty: multinomial logistic regression)
 * @param numClasses output width
 * @param activation "relu" or "tanh"
 */
public record MlpShape(int inputSize, int[] hidden, int numClasses, String activation) implements NetworkShape {

    /** Makes the affine layer number {@code index} (0-based) mapping {@code in} to {@code out}. */
    @FunctionalInterface
    public interface AffineFactory {
        /**
         * @param index layer index
         * @param in    input width
         * @param out   output width
         * @return the layer
         */
        Layer create(int index, int in, int out);
    }

    /** Checks sizes. */
    public MlpShape {
        hidden = hidden.clone();
        if (inputSize < 1 || numClasses < 2) {
            throw new IllegalArgumentException("an MLP needs ≥1 input and ≥2 classes, got " + inputSize + " and " + numClasses);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden widths must be ≥ 1, got " + Arrays.toString(hidden));
            }
        }
        Activation.named(activation);
    }

    /**
     * @param affine      makes each affine layer
     * @param afterHidden layers inserted after each hidden activation (index = hidden layer), may return empty
     * @return the network
     */
    public Network build(AffineFactory affine, java.util.function.IntFunction<List<Layer>> afterHidden) {
        List<Layer> layers = new ArrayList<>();
        int in = inputSize;
        for (int i = 0; i < hidden.length; i++) {
            layers.add(affine.create(i, in, hidden[i]));
            layers.add(Activation.named(activation));
            layers.addAll(afterHidden.apply(i));
            in = hidden[i];
        }
        layers.add(affine.create(hidden.length, in, numClasses));
        return new Network(inputSize, layers);
    }

    /** Builds the MLP; {@code conv} is not called. */
    @Override
    public Network build(ConvShape.ConvFactory conv, AffineFactory affine, java.util.function.IntFunction<List<Layer>> afterActivation) {
        return build(affine, afterActivation);
    }

    @Override
    public boolean convolutional() {
        return false;
    }

    /** @return affine layer l from in_l to out_l: D, the hidden widths, K */
    @Override
    public List<WeightMatrix> weightMatrices() {
        List<WeightMatrix> out = new ArrayList<>();
        int in = inputSize;
        for (int l = 0; l <= hidden.length; l++) {
            int o = l < hidden.length ? hidden[l] : numClasses;
            out.add(new WeightMatrix(l, in, o, 1, false));
            in = o;
        }
        return out;
    }

    /** @return Σ h */
    @Override
    public long activatedUnits() {
        long n = 0;
        for (int h : hidden) {
            n += h;
        }
        return n;
    }

    /** @return Σ h + K (the affine outputs) + Σ h (the activations') */
    @Override
    public long forwardFloatsPerRow() {
        return 2 * activatedUnits() + numClasses;
    }

    /** @return 2·Σ h: dL/dinput of every activation and of every affine layer but the first */
    @Override
    public long backwardFloatsPerRow() {
        return 2 * activatedUnits();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpShape s && s.inputSize == inputSize && Arrays.equals(s.hidden, hidden)
                && s.numClasses == numClasses && s.activation.equals(activation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * inputSize + Arrays.hashCode(hidden)) + numClasses) + activation.hashCode();
    }

    @Override
    public String toString() {
        return inputSize + "-" + Arrays.toString(hidden) + "-" + numClasses + " " + activation;
    }
}
