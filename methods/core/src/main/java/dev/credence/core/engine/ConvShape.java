package dev.credence.core.engine;

import dev.credence.core.CredenceInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The shape of a convolutional network on C×H×W images: a list of {@link LayerSpec}s, then a dense layer to the
 * classes. Each convolution and hidden dense layer is followed by the activation; pooling layers are not, so
 * "conv, maxpool" is pool(f(conv(x))). The sizes are checked when the shape is made: a mismatch is a one-line
 * {@link CredenceInputException} naming the layer (0-based index in the list) and what is wrong.
 *
 * <p>Like {@link MlpShape}, methods build their network from it, choosing the kind of convolution and affine layer
 * and what goes after each activation, so the stacking logic exists once.
 *
 * @param channels   input channels C
 * @param height     input height H
 * @param width      input width W
 * @param layers     hidden layers in order; after the first dense layer only dense layers may follow
 * @param numClasses output width
 * @param activation "relu", "tanh" or "softplus"
 */
public record ConvShape(int channels, int height, int width, List<LayerSpec> layers, int numClasses, String activation) {

    /** Makes the convolution number {@code index} (its position in {@link #layers}). */
    @FunctionalInterface
    public interface ConvFactory {
        /**
         * @param index    position in the layer list
         * @param geometry its sizes
         * @return the layer
         */
        Layer create(int index, ConvGeometry geometry);
    }

    /** Checks every layer's sizes against its input. */
    public ConvShape {
        layers = List.copyOf(layers);
        if (channels < 1 || height < 1 || width < 1) {
            throw new CredenceInputException("architecture: the input must be at least 1×1×1, got "
                    + channels + "×" + height + "×" + width);
        }
        if (numClasses < 2) {
            throw new CredenceInputException("architecture: a classifier needs ≥ 2 classes, got " + numClasses);
        }
        try {
            Activation.named(activation);
        } catch (IllegalArgumentException e) {
            throw new CredenceInputException("architecture: " + e.getMessage(), e);
        }
        walk(channels, height, width, layers, null);
    }

    /**
     * LeNet-5 for 1×28×28 images: conv 6@5×5 padding 2, maxpool 2, conv 16@5×5, maxpool 2, dense 120, dense 84,
     * then the classes (61 706 parameters for 10 classes).
     *
     * @param numClasses output width
     * @param activation "relu", "tanh" or "softplus"
     * @return the shape
     */
    public static ConvShape lenet5(int numClasses, String activation) {
        return new ConvShape(1, 28, 28, List.of(new LayerSpec.Conv(6, 5, 5, 1, 2), new LayerSpec.MaxPool(2),
                new LayerSpec.Conv(16, 5), new LayerSpec.MaxPool(2), new LayerSpec.Dense(120), new LayerSpec.Dense(84)),
                numClasses, activation);
    }

    /** @return C·H·W, the width of an input row */
    public int inputSize() {
        return channels * height * width;
    }

    /**
     * @param conv            makes each convolution
     * @param affine          makes each dense layer; the last one, to the classes, has index {@code layers().size()}
     * @param afterActivation layers inserted after the activation that follows layer {@code i} (a convolution or a
     *                        hidden dense layer), may return empty
     * @return the network (not yet initialised)
     */
    public Network build(ConvFactory conv, MlpShape.AffineFactory affine, IntFunction<List<Layer>> afterActivation) {
        List<Layer> out = new ArrayList<>();
        int flat = walk(channels, height, width, layers, new Builder(conv, affine, afterActivation, activation, out));
        out.add(affine.create(layers.size(), flat, numClasses));
        return new Network(inputSize(), out);
    }

    /** @return a network of {@link Conv2d}s and {@link DenseLayer}s named "layer" + index (not yet initialised) */
    public Network buildDense() {
        return build((i, g) -> new Conv2d("layer" + i, g), (i, in, out) -> new DenseLayer("layer" + i, in, out), i -> List.of());
    }

    private record Builder(ConvFactory conv, MlpShape.AffineFactory affine, IntFunction<List<Layer>> afterActivation,
                           String activation, List<Layer> out) {
        void activated(int index, Layer layer) {
            out.add(layer);
            out.add(Activation.named(activation));
            out.addAll(afterActivation.apply(index));
        }
    }

    /** Checks the layers from a c×h×w input, building them when {@code builder} is given; returns the flat width. */
    private static int walk(int c, int h, int w, List<LayerSpec> layers, Builder builder) {
        int flat = -1;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            if (flat > 0 && !(spec instanceof LayerSpec.Dense)) {
                throw error(i, spec, "only dense layers may follow a dense layer (its output is no longer an image)");
            }
            try {
                if (spec instanceof LayerSpec.Conv s) {
                    ConvGeometry g = new ConvGeometry(c, h, w, s.channels(), s.kernelH(), s.kernelW(), s.stride(), s.padding());
                    if (builder != null) {
                        builder.activated(i, builder.conv().create(i, g));
                    }
                    c = g.outChannels();
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.MaxPool s) {
                    PoolGeometry g = new PoolGeometry(c, h, w, s.window(), s.stride());
                    if (builder != null) {
                        builder.out().add(new MaxPool2d(g));
                    }
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.AvgPool s) {
                    PoolGeometry g = new PoolGeometry(c, h, w, s.window(), s.stride());
                    if (builder != null) {
                        builder.out().add(new AvgPool2d(g));
                    }
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.Dense s) {
                    if (s.units() < 1) {
                        throw new IllegalArgumentException("a dense layer needs ≥ 1 unit, got " + s.units());
                    }
                    int in = flat > 0 ? flat : c * h * w;
                    if (builder != null) {
                        builder.activated(i, builder.affine().create(i, in, s.units()));
                    }
                    flat = s.units();
                } else {
                    throw new IllegalArgumentException("unknown layer kind");
                }
            } catch (IllegalArgumentException e) {
                throw error(i, spec, e.getMessage());
            }
        }
        return flat > 0 ? flat : c * h * w;
    }

    private static CredenceInputException error(int index, LayerSpec spec, String what) {
        return new CredenceInputException("architecture layer " + index + " (" + spec + "): " + what);
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width + " " + layers + " " + numClasses + " " + activation;
    }
}
