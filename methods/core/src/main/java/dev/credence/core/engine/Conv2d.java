package dev.credence.core.engine;

/**
 * A 2-d convolution with point-estimate kernels and one bias per output channel ({@link PatchConvolution}: im2col,
 * then the patch map, then back to NCHW).
 *
 * <p>The weight is the K×C_out matrix W, K = C·kh·kw, row c·kh·kw + i·kw + j holding tap (i, j) of input channel c,
 * so the layer is a {@link DenseLayer} on the patches: its forward is one blocked GEMM of (B·P)×K by K×C_out
 * ({@link Affine#forward}); backward dW += patchesᵀ·g and db += column sums of g ({@link Affine#accumulateParamGrads}),
 * d(patches) = g·Wᵀ. It is initialised as the dense layers are ({@link Initializer#uniformFanIn}, fan_in = K).
 */
public final class Conv2d extends PatchConvolution {
    private static final long serialVersionUID = 2L;

    /** The K → C_out affine map every patch goes through: the kernel matrix and the bias. */
    private final DenseLayer patchMap;

    /**
     * @param name     prefix of the parameter names
     * @param geometry the sizes
     */
    public Conv2d(String name, ConvGeometry geometry) {
        this(name, geometry, new DenseLayer(name, geometry.patchSize(), geometry.outChannels()));
    }

    private Conv2d(String name, ConvGeometry geometry, DenseLayer patchMap) {
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
