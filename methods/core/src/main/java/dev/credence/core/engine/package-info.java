/**
 * The float32 engine on EJML: layers acting on minibatches with forward/backward passes, the fused
 * softmax cross-entropy, optimizers and weight decay. Stochastic layers implement {@link dev.credence.core.engine.Layer}
 * and reuse {@link dev.credence.core.engine.Affine}.
 *
 * <p>Convolutional layers: a minibatch of B images is a B×(C·H·W) matrix whose rows hold the images in NCHW order.
 * {@link dev.credence.core.engine.Conv2d} (stride, zero padding, any kh×kw kernel; column matrices in
 * {@link dev.credence.core.engine.Im2col}, the kernel on the left through {@link dev.credence.core.engine.PatchAffine}
 * and the blocked SGEMM, block by block of images in {@link dev.credence.core.engine.PatchConvolution}), {@link dev.credence.core.engine.MaxPool2d} and {@link dev.credence.core.engine.AvgPool2d} (square window,
 * stride), with their sizes in {@link dev.credence.core.engine.ConvGeometry} and
 * {@link dev.credence.core.engine.PoolGeometry}. There is no flatten layer: in this row layout flattening is the
 * identity, and a {@link dev.credence.core.engine.DenseLayer} reads the C·H·W values of a row directly.
 * {@link dev.credence.core.engine.ConvShape} (a list of {@link dev.credence.core.engine.LayerSpec}s, checked when it is
 * made, and {@link dev.credence.core.engine.ConvShape#lenet5}) builds a {@link dev.credence.core.engine.Network} from
 * them as {@link dev.credence.core.engine.MlpShape} does for an MLP; both are a
 * {@link dev.credence.core.engine.NetworkShape}, which a trainer gets from its {@code architecture} hyperparameter
 * ({@link dev.credence.core.spi.Architecture}). Activations: ReLU, tanh and {@link dev.credence.core.engine.Softplus}
 * ({@link dev.credence.core.engine.HiddenActivation}); dropout unit-wise ({@link dev.credence.core.engine.Dropout}) or
 * channel-wise ({@link dev.credence.core.engine.ChannelDropout}).
 */
package dev.credence.core.engine;
