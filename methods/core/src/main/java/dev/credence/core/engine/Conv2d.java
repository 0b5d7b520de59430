package dev.credence.core.engine;

/**
 * A 2-d convolution with point-estimate kernels and one bias per output channel ({@link PatchConvolution}: column
 * matrices, then the kernel on the left, Y = Wᵀ·X + b per block of images).
 *
 * <p>The weight is the K×C_out matrix W, K = C·kh·kw, row c·kh·kw + i·kw + j holding tap (i, j) of input channel c;
 * backward dW += X·gᵀ and db += row sums of g, d(columns) = W·g ({@link PatchAffine}). It is initialised as the
 * dense layers are ({@link Initializer#uniformFanIn}, fan_in = K).
 */
public final class Conv2d extends PatchConvolution {
    private static final long serialVersionUID = 3L;

    /** The K → C_out affine map every patch goes through: the kernel matrix and the bias. */
    private final DensePatchMap patchMap;

    /**
     * @param name     prefix of the parameter names
     * @param geometry the sizes
     */
    public Conv2d(String name, ConvGeometry geometry) {
        this(name, geometry, new DensePatchMap(name, geometry.patchSize(), geometry.outChannels()));
    }

    private Conv2d(String name, ConvGeometry geometry, DensePatchMap patchMap) {
        super(name + ".weight", geometry, patchMap);
        this.patchMap = patchMap;
    }

    /** @return the K×C_out kernel matrix */
    public Param weight() {
        return patchMap.weight();
    }

    /** @return the 1×C_out bias */
    public Param bias() {
        return patchMap.bias();
    }
}
