package dev.credence.core.spi;

import dev.credence.core.engine.DenseLayer;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/**
 * A fit's network as one point estimate, for methods built on it (Laplace on its last layer, SWAG from its weights):
 * the trained network run in {@link Mode#MEAN}, whose last layer is a plain {@link DenseLayer}. Callers read it;
 * a method that trains further takes a {@link #copy}.
 */
public final class PointNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 1024;

    private final Network network;

    /**
     * The refusal every method that needs its base's point network gives for a base whose fits have none.
     *
     * @param method the method that needs it
     * @param use    what it does with the network, e.g. "fits a Gaussian over the last layer of"
     * @param base   the base's provider
     * @return the one-line refusal, or null when the base's fits carry a point network
     */
    public static String refusal(String method, String use, MethodProvider base) {
        if (base.exposesPointNetwork()) {
            return null;
        }
        return "method '" + method + "' " + use + " the base's trained point network, but method '" + base.name()
                + "' does not give one; use a base whose fit has a point network, such as map";
    }

    /**
     * @param baseFit  the base's fit
     * @param method   the method that needs its point network
     * @param use      what it does with it, as for {@link #refusal}
     * @param baseName the base's method name
     * @return the fit's point network
     * @throws dev.credence.core.CredenceInputException when the fit has none, naming both methods
     */
    public static PointNetwork of(FitResult baseFit, String method, String use, String baseName) {
        return baseFit.pointNetwork().orElseThrow(() -> new dev.credence.core.CredenceInputException("method '" + method
                + "' " + use + " the base's trained point network, but the fit of its base, method '" + baseName
                + "', has none; use a base whose fit has a point network, such as map"));
    }

    /**
     * @param network a trained network whose last layer is a {@link DenseLayer}
     * @throws IllegalArgumentException otherwise
     */
    public PointNetwork(Network network) {
        if (!(network.layers().get(network.layers().size() - 1) instanceof DenseLayer)) {
            throw new IllegalArgumentException("a point network ends in a dense layer");
        }
        this.network = network;
    }

    /** @return the network (shared: do not train it; see {@link #copy}) */
    public Network network() {
        return network;
    }

    /** @return the last layer: logits = features · W + b */
    public DenseLayer lastLayer() {
        return (DenseLayer) network.layers().get(network.layers().size() - 1);
    }

    /** @return the width of the penultimate features (the last layer's input) */
    public int featureSize() {
        return lastLayer().weight().value().numRows;
    }

    /**
     * @param x N×D inputs, standardized as the training data was
     * @return a new N×H matrix of penultimate features (every layer but the last, in MEAN mode)
     */
    public synchronized FMatrixRMaj features(FMatrixRMaj x) {
        int n = x.numRows;
        int d = x.numCols;
        int h = featureSize();
        int last = network.layers().size() - 1;
        FMatrixRMaj out = new FMatrixRMaj(n, h);
        FMatrixRMaj chunk = new FMatrixRMaj(Math.min(CHUNK, Math.max(n, 1)), d);
        Rng unused = new Rng(0);
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            chunk.reshape(rows, d);
            System.arraycopy(x.data, from * d, chunk.data, 0, rows * d);
            FMatrixRMaj f = network.forwardLayers(0, last, chunk, Mode.MEAN, unused);
            System.arraycopy(f.data, 0, out.data, from * h, rows * h);
        }
        return out;
    }

    /** @return an independent deep copy of the network, to train further */
    public Network copy() {
        return network.copy();
    }

    /** @return whether every layer of a network is deterministic in MEAN mode and the last is dense */
    public static boolean fits(Network network) {
        Layer last = network.layers().get(network.layers().size() - 1);
        return last instanceof DenseLayer && network.layers().stream().noneMatch(l -> l.randomIn(Mode.MEAN));
    }
}
