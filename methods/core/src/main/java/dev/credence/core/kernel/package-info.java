/**
 * The engine's float kernels, pure Java, each with a JDK Vector API implementation and a scalar fallback chosen once
 * by {@link dev.credence.core.kernel.VectorChoice} (results bit-identical either way):
 * <ul>
 *   <li>{@link dev.credence.core.kernel.Sgemm}: single-precision matrix products (a blocked, register-tiled driver
 *       with its micro-kernels, a driver for products narrower than a tile, the {@code GemmTeam} of helper threads),
 *       bit-identical for any thread count. The engine reaches it through {@link dev.credence.core.engine.Gemm};
 *       the suite runner and the predictives' {@link dev.credence.core.spi.ForwardPasses} set its per-thread count.</li>
 *   <li>{@link dev.credence.core.kernel.Elementwise} ({@link dev.credence.core.kernel.ElementwiseKernels#selected}):
 *       the lane-parallel random generator and its normal and uniform transforms (behind
 *       {@link dev.credence.core.random.LaneStream}), softplus/sigmoid and the Gaussian KL gradients of the weight
 *       posteriors ({@link dev.credence.core.bayes.GaussianTensor}, {@link dev.credence.core.bayes.GaussianPrior}),
 *       and the row broadcasts of a bias and its gradient ({@link dev.credence.core.engine.Affine}), on the float
 *       approximations of {@code FloatApprox}.</li>
 * </ul>
 */
package dev.credence.core.kernel;
