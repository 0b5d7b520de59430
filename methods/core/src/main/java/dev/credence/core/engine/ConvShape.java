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
public record ConvShape(int channels, int height, int width, List<LayerSpec> layers, int numClasses, String activation)
        implements NetworkShape {

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
        return new ConvShape(1, 28, 28, LENET5, numClasses, activation);
    }

    /** LeNet-5's hidden layers: conv 6@5×5 padding 2, maxpool 2, conv 16@5×5, maxpool 2, dense 120, dense 84. */
    public static final List<LayerSpec> LENET5 = List.of(new LayerSpec.Conv(6, 5, 5, 1, 2), new LayerSpec.MaxPool(2),
            new LayerSpec.Conv(16, 5), new LayerSpec.MaxPool(2), new LayerSpec.Dense(120), new LayerSpec.Dense(84));

    /** @return C·H·W, the width of an input row */
    public int inputSize() {
        return channels * height * width;
    }

    /**
     * @param conv            makes each convolution
     * @param affine          makes each dense layer; the last one, to the classes, has index {@code layers().size()}
     * @param afterActivation layers inserted after layer {@code i}'s activation (a hidden dense layer) or block (a
     *                        convolution: after its activation and the pooling layers that follow it), may return empty
     * @return the network (not yet initialised)
     */
    @Override
    public Network build(ConvFactory conv, MlpShape.AffineFactory affine, IntFunction<List<Layer>> afterActivation) {
        List<Layer> out = new ArrayList<>();
        Builder builder = new Builder(conv, affine, afterActivation, activation, out);
        int flat = walk(channels, height, width, layers, builder);
        builder.closeBlock();
        out.add(affine.create(layers.size(), flat, numClasses));
        return new Network(inputSize(), out);
    }

    /** @return whether some layer is a convolution */
    @Override
    public boolean convolutional() {
        return layers.stream().anyMatch(l -> l instanceof LayerSpec.Conv);
    }

    @Override
    public List<WeightMatrix> weightMatrices() {
        Sizer sizer = new Sizer();
        int flat = walk(channels, height, width, layers, sizer);
        sizer.matrices.add(new WeightMatrix(layers.size(), flat, numClasses, 1, false));
        return List.copyOf(sizer.matrices);
    }

    /** @return Σ over convolutions and hidden dense layers of their outputs per row */
    @Override
    public long activatedUnits() {
        Sizer sizer = new Sizer();
        walk(channels, height, width, layers, sizer);
        return sizer.activated;
    }

    /**
     * @return per row: each convolution's patch matrix (P·K), position-major product (P·C_out) and NCHW output, each
     *     activation's output, each pooling layer's output (and max pooling's winner index), each dense layer's
     *     output, and the logits
     */
    @Override
    public long forwardFloatsPerRow() {
        Sizer sizer = new Sizer();
        walk(channels, height, width, layers, sizer);
        return sizer.forward + numClasses;
    }

    /**
     * @return per row: each convolution's position-major output gradient, patch gradient and input gradient, each
     *     activation's and pooling layer's input gradient, each dense layer's input gradient (the first layer's
     *     input gradients counted too: an upper bound)
     */
    @Override
    public long backwardFloatsPerRow() {
        Sizer sizer = new Sizer();
        int flat = walk(channels, height, width, layers, sizer);
        return sizer.backward + flat;
    }

    /**
     * @param index the position of a convolution in {@link #layers}
     * @return the image its block puts out (after its activation and the pooling layers that follow it): what a
     *     layer {@link #build} inserts after the block acts on
     */
    public dev.credence.core.data.ImageShape blockOutput(int index) {
        if (index < 0 || index >= layers.size() || !(layers.get(index) instanceof LayerSpec.Conv)) {
            throw new IllegalArgumentException("layer " + index + " is not a convolution");
        }
        int[] chw = new int[3];
        walk(channels, height, width, layers, new Visitor() {
            private boolean inBlock;

            @Override
            public void conv(int i, ConvGeometry g) {
                inBlock = i == index;
                if (inBlock) {
                    chw[0] = g.outChannels();
                    chw[1] = g.outHeight();
                    chw[2] = g.outWidth();
                }
            }

            @Override
            public void pool(int i, PoolGeometry g, boolean max) {
                if (inBlock) {
                    chw[1] = g.outHeight();
                    chw[2] = g.outWidth();
                }
            }

            @Override
            public void dense(int i, int in, int out) {
                inBlock = false;
            }
        });
        return new dev.credence.core.data.ImageShape(chw[0], chw[1], chw[2]);
    }

    /** @return the number of convolutions */
    public int convolutions() {
        return (int) layers.stream().filter(l -> l instanceof LayerSpec.Conv).count();
    }

    /** What a walk over the layers does at each one, after its sizes are checked. */
    private interface Visitor {
        void conv(int index, ConvGeometry g);

        void pool(int index, PoolGeometry g, boolean max);

        void dense(int index, int in, int out);
    }

    /** Builds the layers; a convolution's block (it, its activation, the pooling layers after it) ends before the next. */
    private static final class Builder implements Visitor {
        private final ConvFactory conv;
        private final MlpShape.AffineFactory affine;
        private final IntFunction<List<Layer>> afterActivation;
        private final String activation;
        private final List<Layer> out;
        private int openBlock = -1;

        Builder(ConvFactory conv, MlpShape.AffineFactory affine, IntFunction<List<Layer>> afterActivation,
                String activation, List<Layer> out) {
            this.conv = conv;
            this.affine = affine;
            this.afterActivation = afterActivation;
            this.activation = activation;
            this.out = out;
        }

        /** Ends the open convolution block: its extra layers go after its pooling layers. */
        void closeBlock() {
            if (openBlock >= 0) {
                out.addAll(afterActivation.apply(openBlock));
                openBlock = -1;
            }
        }

        @Override
        public void conv(int index, ConvGeometry g) {
            closeBlock();
            out.add(conv.create(index, g));
            out.add(Activation.named(activation));
            openBlock = index;
        }

        @Override
        public void pool(int index, PoolGeometry g, boolean max) {
            out.add(max ? new MaxPool2d(g) : new AvgPool2d(g));
        }

        @Override
        public void dense(int index, int in, int units) {
            closeBlock();
            out.add(affine.create(index, in, units));
            out.add(Activation.named(activation));
            out.addAll(afterActivation.apply(index));
        }
    }

    /** Adds up the sizes of the layers' matrices and buffers. */
    private static final class Sizer implements Visitor {
        private final List<WeightMatrix> matrices = new ArrayList<>();
        private long activated;
        private long forward;
        private long backward;

        @Override
        public void conv(int index, ConvGeometry g) {
            matrices.add(new WeightMatrix(index, g.patchSize(), g.outChannels(), g.positions(), true));
            long p = g.positions();
            activated += g.outputSize();
            forward += p * g.patchSize() + p * g.outChannels() + 2L * g.outputSize();
            backward += p * g.outChannels() + p * g.patchSize() + g.inputSize() + g.outputSize();
        }

        @Override
        public void pool(int index, PoolGeometry g, boolean max) {
            forward += (max ? 2L : 1L) * g.outputSize();
            backward += g.inputSize();
        }

        @Override
        public void dense(int index, int in, int out) {
            matrices.add(new WeightMatrix(index, in, out, 1, false));
            activated += out;
            forward += 2L * out;
            backward += in + out;
        }
    }

    /** Checks the layers from a c×h×w input, visiting each (building or sizing it); returns the flat width. */
    private static int walk(int c, int h, int w, List<LayerSpec> layers, Visitor visitor) {
        int flat = -1;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            if (flat > 0 && !(spec instanceof LayerSpec.Dense)) {
                throw error(i, spec, "only dense layers may follow a dense layer (its output is no longer an image)");
            }
            try {
                if (spec instanceof LayerSpec.Conv s) {
                    ConvGeometry g = new ConvGeometry(c, h, w, s.channels(), s.kernelH(), s.kernelW(), s.stride(), s.padding());
                    if (visitor != null) {
                        visitor.conv(i, g);
                    }
                    c = g.outChannels();
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.MaxPool s) {
                    PoolGeometry g = new PoolGeometry(c, h, w, s.window(), s.stride());
                    if (visitor != null) {
                        visitor.pool(i, g, true);
                    }
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.AvgPool s) {
                    PoolGeometry g = new PoolGeometry(c, h, w, s.window(), s.stride());
                    if (visitor != null) {
                        visitor.pool(i, g, false);
                    }
                    h = g.outHeight();
                    w = g.outWidth();
                } else if (spec instanceof LayerSpec.Dense s) {
                    if (s.units() < 1) {
                        throw new IllegalArgumentException("a dense layer needs ≥ 1 unit, got " + s.units());
                    }
                    int in = flat > 0 ? flat : c * h * w;
                    if (visitor != null) {
                        visitor.dense(i, in, s.units());
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
