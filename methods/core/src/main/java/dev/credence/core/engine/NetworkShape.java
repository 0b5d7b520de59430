package dev.credence.core.engine;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The shape of a feed-forward classifier a method builds: an {@link MlpShape} or a {@link ConvShape}. A method
 * chooses the kind of convolution and affine layer and what goes after each activation; the stacking logic and the
 * sizes a preflight needs (from the shape alone, nothing built) exist once, here.
 */
public sealed interface NetworkShape permits MlpShape, ConvShape {

    /**
     * The kernel or weight matrix of one layer with parameters: an affine map from {@code in} to {@code out} (a
     * convolution's patch-wise map: in = C·kh·kw, out = output channels), with {@code out} biases.
     *
     * @param index  the layer's index in the shape (what the factories are given)
     * @param in     rows of the matrix (fan-in)
     * @param out    columns of the matrix (outputs, and biases)
     * @param positions the positions it is applied at per image (outH·outW for a convolution, 1 for a dense layer)
     * @param conv   whether it is a convolution's kernel matrix
     */
    record WeightMatrix(int index, int in, int out, int positions, boolean conv) {
        /** @return out·positions, its outputs per row */
        public long outputsPerRow() {
            return (long) out * positions;
        }

        /** @return in·out·positions, the multiply-adds of its forward pass per row (biases not counted) */
        public long multiplyAdds() {
            return (long) in * out * positions;
        }
    }

    /** @return D, the width of an input row */
    int inputSize();

    /** @return K, the output width */
    int numClasses();

    /** @return the activation's name ({@link Activation#named}) */
    String activation();

    /** @return whether some layer is a convolution */
    boolean convolutional();

    /**
     * @param conv            makes each convolution (never called for an MLP)
     * @param affine          makes each dense layer; the last one maps to the classes
     * @param afterActivation layers inserted after the activation that follows hidden layer {@code i} (the index the
     *                        factories were given), may return empty
     * @return the network (not yet initialised)
     */
    Network build(ConvShape.ConvFactory conv, MlpShape.AffineFactory affine, IntFunction<List<Layer>> afterActivation);

    /** @return a network of {@link Conv2d}s and {@link DenseLayer}s named "layer" + index (not yet initialised) */
    default Network buildDense() {
        return build((i, g) -> new Conv2d("layer" + i, g), (i, in, out) -> new DenseLayer("layer" + i, in, out), i -> List.of());
    }

    /** @return every layer with parameters, in order, the last one mapping to the classes */
    List<WeightMatrix> weightMatrices();

    /**
     * The compute of a forward pass per weight: Σ in·out·positions ({@link WeightMatrix#multiplyAdds}) over
     * Σ in·out. Exactly 1 for an MLP (each weight is used once per row); for a convolution each kernel entry is used
     * at every position (LeNet-5 on 28×28 images: 416 520 multiply-adds, 61 470 weights, 6.78).
     *
     * @return multiply-adds per row ÷ weights
     */
    default double multiplyAddsPerWeight() {
        long adds = 0;
        long weights = 0;
        for (WeightMatrix m : weightMatrices()) {
            adds += m.multiplyAdds();
            weights += (long) m.in() * m.out();
        }
        return weights == 0 ? 1.0 : (double) adds / weights;
    }

    /** @return the units of one row that come out of an activation (where dropout acts), summed over the layers */
    long activatedUnits();

    /**
     * @return floats per row of the output buffers every layer keeps for a forward pass (a convolution's patch matrix
     *     and position-major product included)
     */
    long forwardFloatsPerRow();

    /** @return floats per row of the buffers the layers keep for a backward pass */
    long backwardFloatsPerRow();
}
