package dev.credence.methods.hmc;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.sampling.HamiltonianTarget;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.sampling.PosteriorEnergy;
import dev.credence.core.train.Minibatch;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The network's full-batch negative log posterior as a {@link HamiltonianTarget}: q is every weight and bias of the
 * MLP (in {@link ParameterSnapshots} order), loaded into the network as float32, and
 * U(q) = Σ_i CE_i(q) + ‖q‖²/(2σ_p²) = N·mean CE + ‖q‖²/(2σ_p²) over all N training rows, with the configured
 * {@link ClassLoss}. The rows go through the engine's forward and backward passes in chunks of at most
 * {@code chunkRows}, their gradients accumulating in the parameters, so memory does not grow with N; the chunking
 * changes only the order of float additions. Not thread-safe: one per chain.
 */
final class NetworkEnergy implements HamiltonianTarget {
    private final Network network;
    private final List<Param> params;
    private final DenseData train;
    private final ClassLoss loss;
    private final double priorPrecision;
    private final Minibatch chunk;
    private final int chunkRows;
    private final int[] rows;
    private final FMatrixRMaj gradLogits = new FMatrixRMaj(1, 1);
    private final int dimension;
    private long evaluations;

    /**
     * @param network    the network whose parameters q holds
     * @param train      all training rows
     * @param loss       the cross-entropy of the likelihood term
     * @param priorSigma σ_p &gt; 0
     * @param chunkRows  rows per forward/backward pass, ≥ 1
     */
    NetworkEnergy(Network network, DenseData train, ClassLoss loss, double priorSigma, int chunkRows) {
        if (!(priorSigma > 0) || chunkRows < 1) {
            throw new IllegalArgumentException("need σ_p > 0 and chunk rows ≥ 1, got " + priorSigma + " and " + chunkRows);
        }
        this.network = network;
        this.params = network.params();
        this.train = train;
        this.loss = loss;
        this.priorPrecision = 1 / (priorSigma * priorSigma);
        this.chunkRows = Math.min(chunkRows, train.size());
        this.chunk = new Minibatch(this.chunkRows, train.numFeatures());
        this.rows = java.util.stream.IntStream.range(0, train.size()).toArray();
        this.dimension = Math.toIntExact(ParameterSnapshots.count(params));
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return gradient evaluations so far (each one pass over the training set) */
    long evaluations() {
        return evaluations;
    }

    /**
     * @param q a position
     * @return q rounded to float32, as the network holds it (a posterior sample for {@link ParameterSnapshots#load})
     */
    static float[] snapshot(double[] q) {
        float[] out = new float[q.length];
        for (int j = 0; j < q.length; j++) {
            out[j] = (float) q[j];
        }
        return out;
    }

    /** @return the network's current parameters as a position */
    double[] position() {
        double[] q = new double[dimension];
        int offset = 0;
        for (Param p : params) {
            float[] w = p.value().data;
            for (int j = 0; j < w.length; j++) {
                q[offset + j] = w[j];
            }
            offset += w.length;
        }
        return q;
    }

    @Override
    public double energy(double[] q, double[] gradient) {
        evaluations++;
        int offset = 0;
        for (Param p : params) {
            float[] w = p.value().data;
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) q[offset + j];
            }
            offset += w.length;
            p.zeroGrad();
        }
        int n = train.size();
        double sum = 0;
        for (int from = 0; from < n; from += chunkRows) {
            int to = Math.min(n, from + chunkRows);
            chunk.gather(train, rows, from, to);
            FMatrixRMaj logits = network.forward(chunk.x(), Mode.TRAIN, null);
            // scale = rows of the chunk: the gradient of the chunk's sum of losses
            sum += loss.meanLossAndGrad(logits, chunk.y(), gradLogits, to - from) * (to - from);
            network.backward(gradLogits);
        }
        double prior = PosteriorEnergy.addGaussianPrior(params, priorPrecision);
        offset = 0;
        for (Param p : params) {
            float[] g = p.grad().data;
            for (int j = 0; j < g.length; j++) {
                gradient[offset + j] = g[j];
            }
            offset += g.length;
        }
        return sum + prior;
    }
}
