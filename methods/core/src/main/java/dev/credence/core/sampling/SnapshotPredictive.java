package dev.credence.core.sampling;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.ForwardPasses;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.LogitSamples;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The predictive of a set of posterior samples θ^(1..S): sample s is softmax(f(x; θ^(s))), one {@link Mode#MEAN}
 * pass of the network with snapshot s loaded (into each thread's copy of it, once per pass: {@link ForwardPasses}). Asking for fewer samples than are kept uses an evenly spaced subset;
 * asking for more returns all of them. Deterministic: the same input gives the same samples on every call. Memory:
 * S × parameters × 4 bytes.
 */
public final class SnapshotPredictive implements Predictive {
    private static final long serialVersionUID = 1L;

    private final Network network;
    private final float[][] snapshots;

    /**
     * @param network   the network the snapshots were taken from (its values are overwritten while predicting)
     * @param snapshots at least one snapshot from {@link ParameterSnapshots#capture}
     */
    public SnapshotPredictive(Network network, List<float[]> snapshots) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("a snapshot predictive needs at least one snapshot");
        }
        long count = ParameterSnapshots.count(network.params());
        for (float[] s : snapshots) {
            if (s.length != count) {
                throw new IllegalArgumentException("snapshot of " + s.length + " values for " + count + " parameters");
            }
        }
        this.network = network;
        this.snapshots = snapshots.toArray(new float[0][]);
    }

    /** @return the number of kept samples */
    public int size() {
        return snapshots.length;
    }

    /**
     * @param kept      snapshots kept
     * @param requested S asked for
     * @return the samples {@link #sample} returns: S, at least 1 and at most the kept snapshots
     */
    public static int samplesReturned(int kept, int requested) {
        return Math.min(Math.max(1, requested), kept);
    }

    /** @return bytes held by the snapshots */
    public long snapshotBytes() {
        return 4L * snapshots.length * snapshots[0].length;
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
        return snapshots.length > 1;
    }

    @Override
    public synchronized LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        int s = samplesReturned(snapshots.length, samples);
        float[][] logits = new float[s][x.numRows * numClasses()];
        ForwardPasses.Weights weights = (pass, net) ->
                ParameterSnapshots.load(snapshots[(int) ((long) pass * snapshots.length / s)], net.params());
        new ForwardPasses(network, Mode.MEAN, NetworkPredictive.CHUNK, ForwardPasses.Order.PASSES_FIRST, weights)
                .run(x, new Rng(0L), logits, (z, out, offset) -> System.arraycopy(z.data, 0, out, offset, z.numRows * z.numCols));
        return new LogitSamples(x.numRows, numClasses(), logits);
    }
}
