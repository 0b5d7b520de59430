package dev.credence.methods.hmc;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.train.Minibatch;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The log-likelihood Σ_i log softmax(f(x_i; θ))_{y_i} of a data set under each kept network (the plain model
 * likelihood, whatever loss the chain ran on): the scalar whose trace over chains gives HMC's R̂ and effective
 * sample size. Rows go through the network in chunks.
 */
final class LogLikelihoodTrace {
    private LogLikelihoodTrace() {
    }

    /**
     * @param network   a network of the snapshots' shape (its values are overwritten)
     * @param chains    each chain's snapshots, S per chain
     * @param data      the rows
     * @param chunkRows rows per pass
     * @return [chain][sample] log-likelihoods
     */
    static double[][] of(Network network, List<List<float[]>> chains, DenseData data, int chunkRows) {
        int rows = Math.min(chunkRows, data.size());
        Minibatch chunk = new Minibatch(rows, data.numFeatures());
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < chains.size(); c++) {
            List<float[]> snapshots = chains.get(c);
            out[c] = new double[snapshots.size()];
            for (int s = 0; s < snapshots.size(); s++) {
                ParameterSnapshots.load(snapshots.get(s), network.params());
                double sum = 0;
                for (int from = 0; from < data.size(); from += rows) {
                    int to = Math.min(data.size(), from + rows);
                    chunk.gather(data, order, from, to);
                    FMatrixRMaj logits = network.forward(chunk.x(), Mode.MEAN, null);
                    sum -= SoftmaxCrossEntropy.meanLossAndGrad(logits, chunk.y(), null, 1) * (to - from);
                }
                out[c][s] = sum;
            }
        }
        return out;
    }
}
