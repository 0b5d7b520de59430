package dev.credence.methods.bbb;

import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.bayes.GaussianLayers;
import dev.credence.core.engine.Network;
import dev.credence.core.train.TrainingHistory;

import java.util.List;

/**
 * A trained Bayes-by-Backprop posterior: the network of Gaussian layers and its training curve. Methods built
 * on BBB (e.g. pruned-bbb) start from it.
 *
 * @param network the trained network (its {@link GaussianAffineLayer}s hold μ and ρ)
 * @param history the training curve
 */
public record BbbPosterior(Network network, TrainingHistory history) {
    /** @return the Gaussian layers, input to output */
    public List<GaussianAffineLayer> layers() {
        return GaussianLayers.of(network);
    }
}
