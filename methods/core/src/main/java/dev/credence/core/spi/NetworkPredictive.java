package dev.credence.core.spi;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * The predictive of one trained network: S forward passes in {@link Mode#SAMPLE} (stochastic layers draw
 * noise: dropout masks, weight samples) or one pass in {@link Mode#MEAN}. The layers before the first random one
 * ({@link Network#deterministicPrefix}) run once per chunk and the S passes start from their output: for MC dropout
 * on 784-400-400-10 that is the first layer, two thirds of the work of a pass; the values are the same as S full
 * passes, since those layers draw nothing. Rows go through in chunks so memory
 * stays bounded; the noise stream restarts from the stored seed on every call and is drawn chunk by chunk, pass by
 * pass. The passes run on the calling thread's GEMM threads ({@link ForwardPasses}), with the same values on any
 * number of them.
 */
public final class NetworkPredictive implements Predictive {
    private static final long serialVersionUID = 1L;
    /** Rows per forward pass of a prediction (each layer keeps an output buffer of up to this many rows). */
    public static final int CHUNK = 1024;

    private final Network network;
    private final boolean stochastic;
    private final long seed;

    /**
     * @param network    the trained network
     * @param stochastic whether to sample (SAMPLE mode) or use means (one MEAN pass)
     * @param seed       seed of the prediction noise
     */
    public NetworkPredictive(Network network, boolean stochastic, long seed) {
        this.network = network;
        this.stochastic = stochastic;
        this.seed = seed;
    }

    /**
     * @param rows rows of an input
     * @return rows of the chunk buffer a {@link #sample} of that input allocates (and of the layer outputs it needs)
     */
    public static int chunkRows(int rows) {
        return Math.min(CHUNK, Math.max(rows, 1));
    }

    /**
     * @param stochastic whether the predictive samples
     * @param requested  S asked for
     * @return the samples {@link #sample} returns: max(1, S) when stochastic, else 1
     */
    public static int samplesReturned(boolean stochastic, int requested) {
        return stochastic ? Math.max(1, requested) : 1;
    }

    /** @return the network */
    public Network network() {
        return network;
    }

    /** @return true: the logits are the network's own outputs */
    @Override
    public boolean rawLogits() {
        return true;
    }

    @Override
    public int numClasses() {
        return network.outputSize();
    }

    @Override
    public boolean stochastic() {
        return stochastic;
    }

    @Override
    public PredictiveSamples sample(FMatrixRMaj x, int samples) {
        float[][] probs = new float[samplesReturned(stochastic, samples)][x.numRows * numClasses()];
        passes(x, probs, (logits, out, offset) -> SoftmaxCrossEntropy.softmaxRows(logits, out, offset));
        return new PredictiveSamples(x.numRows, numClasses(), probs);
    }

    @Override
    public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        float[][] logits = new float[samplesReturned(stochastic, samples)][x.numRows * numClasses()];
        passes(x, logits, (z, out, offset) -> System.arraycopy(z.data, 0, out, offset, z.numRows * z.numCols));
        return new LogitSamples(x.numRows, numClasses(), logits);
    }

    private synchronized void passes(FMatrixRMaj x, float[][] out, ForwardPasses.Sink sink) {
        Mode mode = stochastic ? Mode.SAMPLE : Mode.MEAN;
        new ForwardPasses(network, mode, CHUNK, ForwardPasses.Order.CHUNKS_FIRST, null).run(x, new Rng(seed), out, sink);
    }
}
