package dev.credence.methods.sgld;

import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.Langevin;
import dev.credence.core.sampling.PosteriorEnergy;
import dev.credence.core.sampling.SnapshotCollector;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.sampling.StepSizeSchedule;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.train.TrainingLoop;

import java.util.List;

/**
 * The settings of one SGLD chain, and running it at a given initial step size: a fresh MLP from the chain's own
 * seed, {@link Langevin} on {@link PosteriorEnergy} for {@code epochs} passes, snapshots kept by a
 * {@link SnapshotCollector} after {@code burnInEpochs}.
 *
 * @param shape           the MLP
 * @param epochs          passes in all
 * @param batchSize       minibatch size
 * @param burnInEpochs    passes before the first kept sample
 * @param samples         S, snapshots kept
 * @param priorSigma      σ_p of the N(0, σ_p²) prior on every parameter
 * @param polynomial      decaying ε_t = ε·(1 + t/b)^(−γ) instead of a constant ε
 * @param scheduleB       b
 * @param scheduleGamma   γ
 * @param temperature     T
 * @param preconditioned  RMSprop preconditioner on
 * @param rmspropAlpha    α
 * @param rmspropLambda   λ
 */
record SgldChain(MlpShape shape, int epochs, int batchSize, int burnInEpochs, int samples, double priorSigma,
                 boolean polynomial, double scheduleB, double scheduleGamma, double temperature,
                 boolean preconditioned, double rmspropAlpha, double rmspropLambda) {

    /**
     * A finished chain.
     *
     * @param stepSize   the ε it ran with (initial ε for the polynomial schedule)
     * @param predictive its kept samples
     * @param history    its training curve
     * @param thinning   updates between kept samples
     */
    record Result(double stepSize, SnapshotPredictive predictive, TrainingHistory history, long thinning) {

        /**
         * @param validation held-out data
         * @return mean −ln max(p̄_iy, 1e-12) of the sample-averaged predictive p̄
         */
        double validationNll(DenseData validation) {
            PredictiveSamples s = predictive.sample(validation.x(), predictive.size());
            double[][] mean = s.meanProbabilities();
            double sum = 0;
            int[] y = validation.y();
            for (int i = 0; i < y.length; i++) {
                sum -= Math.log(Math.max(mean[i][y[i]], 1e-12));
            }
            return sum / y.length;
        }
    }

    /** @return updates per pass over {@code n} examples */
    long stepsPerEpoch(int n) {
        return (n + batchSize - 1) / batchSize;
    }

    /** @return ε_t for initial step size ε */
    StepSizeSchedule schedule(double stepSize) {
        return polynomial ? StepSizeSchedule.Polynomial.startingAt(stepSize, scheduleB, scheduleGamma)
                : new StepSizeSchedule.Constant(stepSize);
    }

    /**
     * @param stepSize initial ε
     * @param train    training data
     * @param listener progress
     * @param seed     the chain's seed (initialisation, minibatch order, injected noise)
     * @param loss     the cross-entropy of U's likelihood term
     * @return the chain's samples and curve
     */
    Result run(double stepSize, DenseData train, TrainingListener listener, long seed, ClassLoss loss) {
        Rng rng = new Rng(seed);
        Network network = shape.buildDense().initialize(rng.split());
        List<Param> params = network.params();
        Langevin integrator = preconditioned
                ? Langevin.preconditioned(params, schedule(stepSize), temperature, rmspropAlpha, rmspropLambda, rng.split())
                : Langevin.sgld(params, schedule(stepSize), temperature, rng.split());
        long perEpoch = stepsPerEpoch(train.size());
        SnapshotCollector collector = new SnapshotCollector(params, burnInEpochs * perEpoch, epochs * perEpoch, samples);
        TrainingHistory history = new TrainingLoop(SgldProvider.NAME, epochs, batchSize)
                .run(train, params, new PosteriorEnergy(network, priorSigma, loss), integrator, rng.split(), listener, collector);
        return new Result(stepSize, new SnapshotPredictive(network, collector.snapshots()), history,
                collector.thinningInterval());
    }
}
