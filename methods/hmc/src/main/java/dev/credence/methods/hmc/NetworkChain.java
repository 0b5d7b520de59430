package dev.credence.methods.hmc;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.HamiltonianMonteCarlo;

import java.util.ArrayList;
import java.util.List;

/**
 * One HMC chain on an MLP's posterior: a fresh network initialised from the chain's seed (its starting point), the
 * full-batch {@link NetworkEnergy}, and {@link HamiltonianMonteCarlo} from there with the rest of the chain's stream.
 *
 * @param shape      the MLP
 * @param sampler    the HMC settings
 * @param priorSigma σ_p
 * @param chunkRows  rows per forward/backward pass of the full-batch gradient
 */
record NetworkChain(MlpShape shape, HamiltonianMonteCarlo sampler, double priorSigma, int chunkRows) {

    /**
     * A finished chain.
     *
     * @param stats       acceptance, energy error and step size after warm-up
     * @param snapshots   the S kept networks' parameters (float32)
     * @param energies    U of each kept state
     * @param evaluations gradient evaluations (passes over the training set), warm-up included
     */
    record Result(HamiltonianMonteCarlo.Chain stats, List<float[]> snapshots, double[] energies, long evaluations) {
    }

    /**
     * @param train training data
     * @param loss  the cross-entropy of U's likelihood term
     * @param seed  the chain's seed
     * @return the chain's kept states and statistics
     */
    Result run(DenseData train, ClassLoss loss, long seed) {
        Rng rng = new Rng(seed);
        Network network = shape.buildDense().initialize(rng.split());
        NetworkEnergy energy = new NetworkEnergy(network, train, loss, priorSigma, chunkRows);
        List<float[]> snapshots = new ArrayList<>(sampler.samples());
        double[] energies = new double[sampler.samples()];
        HamiltonianMonteCarlo.Chain stats = sampler.run(energy, energy.position(), rng.split(), HmcProvider.NAME,
                (i, q, u) -> {
                    snapshots.add(NetworkEnergy.snapshot(q));
                    energies[i] = u;
                });
        return new Result(stats, snapshots, energies, energy.evaluations());
    }
}
