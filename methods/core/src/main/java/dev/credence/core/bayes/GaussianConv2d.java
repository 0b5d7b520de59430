package dev.credence.core.bayes;

import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.PatchConvolution;

import java.util.List;

/**
 * A 2-d convolution with mean-field Gaussian kernels and biases: a {@link PatchConvolution} whose kernel posterior
 * (K×C_out, K = C·kh·kw, the layout of {@link dev.credence.core.engine.Conv2d}) and bias posterior are those of a
 * Gaussian dense layer of the chosen estimator ({@link #affine()}), so its KL, σ and pruning are exactly that
 * layer's, and {@link GaussianLayers#of} lists it with the dense layers. The passes run on column matrices with the
 * kernel on the left ({@link GaussianPatchMap}); in {@link Mode#TRAIN} the estimators are:
 * <ul>
 *   <li>{@link GradientEstimator#sampled_weights}: one kernel draw W = μ + σ∘ε per pass, shared by every image
 *       and position (Blundell et al. 2015; {@link GaussianPatchMap});</li>
 *   <li>{@link GradientEstimator#local_reparam}: the output is sampled per image and position, mean
 *       conv(x, μ) + μ_b, variance conv(x², σ²) + σ_b² (Shridhar, Laumann &amp; Liwicki 2019), ignoring that the
 *       positions of one image share the kernel ({@link LocalReparamPatchMap});</li>
 *   <li>{@link GradientEstimator#flipout}: one shared perturbation ΔW per pass and, per image, a sign per input
 *       channel and per output channel ({@link FlipoutPatchMap}; Wen et al. 2018).</li>
 * </ul>
 * {@link Mode#SAMPLE} draws one kernel per pass for every estimator, {@link Mode#MEAN} uses μ. Extra memory per
 * estimator is stated in its patch map's documentation; the column blocks are {@link PatchConvolution}'s.
 */
public final class GaussianConv2d extends PatchConvolution {
    private static final long serialVersionUID = 2L;

    private final GaussianAffineLayer patchMap;

    private GaussianConv2d(String name, ConvGeometry geometry, GaussianAffineLayer patchMap) {
        super(name + ".weight", geometry, GaussianPatchMap.create(patchMap, geometry));
        this.patchMap = patchMap;
    }

    /**
     * @param estimator how the kernels are sampled in training
     * @param name      parameter name prefix ({@code name.weight.mu}, {@code name.weight.rho}, {@code name.bias.mu}, …)
     * @param geometry  the sizes
     * @param rhoInit   initial ρ of every kernel entry and bias
     * @return a new (uninitialised) layer; {@link #initialize} draws μ as a dense layer of fan-in K and sets every ρ
     */
    public static GaussianConv2d create(GradientEstimator estimator, String name, ConvGeometry geometry, double rhoInit) {
        int k = geometry.patchSize();
        int out = geometry.outChannels();
        return new GaussianConv2d(name, geometry, GaussianAffineLayer.create(estimator, name, k, out, rhoInit));
    }

    /**
     * @return the Gaussian dense layer that holds the K×C_out kernel posterior and the 1×C_out bias posterior (for
     *     the KL, σ and pruning; the convolution's passes are its patch map's, never this layer's forward)
     */
    public GaussianAffineLayer affine() {
        return patchMap;
    }

    /** @return the estimator of the patch map */
    public GradientEstimator estimator() {
        return patchMap.estimator();
    }

    /** @return the K×C_out kernel posterior */
    public GaussianTensor weight() {
        return patchMap.weight();
    }

    /** @return the 1×C_out bias posterior */
    public GaussianTensor bias() {
        return patchMap.bias();
    }

    /** @return kernel then bias */
    public List<GaussianTensor> tensors() {
        return patchMap.tensors();
    }
}
