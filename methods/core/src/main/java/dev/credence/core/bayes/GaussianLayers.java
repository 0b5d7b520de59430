package dev.credence.core.bayes;

import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.NetworkShape;

import java.util.ArrayList;
import java.util.List;

/**
 * Building and inspecting networks made of {@link GaussianAffineLayer}s, dense or the patch maps of
 * {@link GaussianConv2d}s.
 */
public final class GaussianLayers {
    private GaussianLayers() {
    }

    /**
     * @param shape     the MLP shape
     * @param estimator how every affine layer samples
     * @param rhoInit   initial ρ
     * @return the network (not yet initialised); layer i's parameters are named {@code layer<i>.weight.mu} etc.
     */
    public static Network mlp(MlpShape shape, GradientEstimator estimator, double rhoInit) {
        return shape.build((i, in, out) -> GaussianAffineLayer.create(estimator, "layer" + i, in, out, rhoInit), i -> List.of());
    }

    /**
     * @param shape     the convolutional shape
     * @param estimator how every convolution and dense layer samples
     * @param rhoInit   initial ρ
     * @return the network (not yet initialised) of {@link GaussianConv2d}s and {@link GaussianAffineLayer}s; the
     *         layer at index i of the shape's list has its parameters named {@code layer<i>.weight.mu} etc., the
     *         output layer index {@code layers().size()}
     */
    public static Network cnn(ConvShape shape, GradientEstimator estimator, double rhoInit) {
        return network(shape, estimator, rhoInit);
    }

    /**
     * @param shape     an MLP or a convolutional shape
     * @param estimator how every convolution and dense layer samples
     * @param rhoInit   initial ρ
     * @return the network (not yet initialised): {@link #mlp} or {@link #cnn}
     */
    public static Network network(NetworkShape shape, GradientEstimator estimator, double rhoInit) {
        return shape.build((i, g) -> GaussianConv2d.create(estimator, "layer" + i, g, rhoInit),
                (i, in, out) -> GaussianAffineLayer.create(estimator, "layer" + i, in, out, rhoInit), i -> List.of());
    }

    /**
     * @param network a network
     * @return its Gaussian affine layers in order: the dense ones and the patch map of each {@link GaussianConv2d}
     *         ({@link GaussianConv2d#affine()}), so KL terms, σ statistics and SNR pruning cover kernels and dense
     *         weights alike
     */
    public static List<GaussianAffineLayer> of(Network network) {
        List<GaussianAffineLayer> out = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof GaussianAffineLayer g) {
                out.add(g);
            } else if (layer instanceof GaussianConv2d c) {
                out.add(c.affine());
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param layers Gaussian layers
     * @return number of random variables (weights + biases, removed entries included)
     */
    public static long randomVariableCount(List<GaussianAffineLayer> layers) {
        long n = 0;
        for (GaussianAffineLayer layer : layers) {
            for (GaussianTensor t : layer.tensors()) {
                n += t.size();
            }
        }
        return n;
    }

    /**
     * @param layers Gaussian layers
     * @return mean of σ = softplus(ρ) over every weight and bias that is not removed (NaN if none)
     */
    public static double meanSigma(List<GaussianAffineLayer> layers) {
        double sum = 0;
        long n = 0;
        for (GaussianAffineLayer layer : layers) {
            for (GaussianTensor t : layer.tensors()) {
                for (int j = 0; j < t.size(); j++) {
                    if (!t.isRemoved(j)) {
                        sum += t.sigmaAt(j);
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
