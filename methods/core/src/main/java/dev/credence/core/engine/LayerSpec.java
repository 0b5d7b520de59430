package dev.credence.core.engine;

/**
 * One entry of a {@link ConvShape}'s layer list. Convolutions and dense layers are followed by the network's
 * activation; pooling layers are not. A dense layer reads the C·H·W values of the image before it in NCHW order
 * (the row layout already is that order, so no flatten layer exists).
 */
public sealed interface LayerSpec {

    /**
     * A convolution ({@link Conv2d}).
     *
     * @param channels output channels
     * @param kernelH  kernel height
     * @param kernelW  kernel width
     * @param stride   stride of both axes
     * @param padding  zeros on every side
     */
    record Conv(int channels, int kernelH, int kernelW, int stride, int padding) implements LayerSpec {
        /**
         * A square kernel, stride 1, no padding.
         *
         * @param channels output channels
         * @param kernel   kernel side
         */
        public Conv(int channels, int kernel) {
            this(channels, kernel, kernel, 1, 0);
        }

        @Override
        public String toString() {
            return "conv " + channels + "@" + kernelH + "×" + kernelW + " stride " + stride + " padding " + padding;
        }
    }

    /**
     * Max pooling ({@link MaxPool2d}).
     *
     * @param window side of the square window
     * @param stride stride of both axes
     */
    record MaxPool(int window, int stride) implements LayerSpec {
        /** @param window side of the window, which is also the stride */
        public MaxPool(int window) {
            this(window, window);
        }

        @Override
        public String toString() {
            return "maxpool " + window + " stride " + stride;
        }
    }

    /**
     * Average pooling ({@link AvgPool2d}).
     *
     * @param window side of the square window
     * @param stride stride of both axes
     */
    record AvgPool(int window, int stride) implements LayerSpec {
        /** @param window side of the window, which is also the stride */
        public AvgPool(int window) {
            this(window, window);
        }

        @Override
        public String toString() {
            return "avgpool " + window + " stride " + stride;
        }
    }

    /**
     * A hidden fully connected layer.
     *
     * @param units output width
     */
    record Dense(int units) implements LayerSpec {
        @Override
        public String toString() {
            return "dense " + units;
        }
    }
}
