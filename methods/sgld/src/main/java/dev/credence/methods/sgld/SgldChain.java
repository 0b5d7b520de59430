package dev.credence.methods.sgld;

import dev.credence.core.data.DenseData;
import dev.credence.core.engine.NetworkShape;
import dev.credence.core.loss.ClassLoss;
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
 * The settings of one SGLD chain, and running it at a given initial step size: a fresh MLP from the chain's seed,
 * {@link Langevin} on {@link PosteriorEnergy} for {@code epochs} passes, snapshots kept by a
 * {@link SnapshotCollector} after {@code burnInEpochs}, or in each cycle's sampling phase for the cyclical schedule.
 *
 * @param shape               the network's shape
 * @param epochs              passes in all
 * @param batchSize           minibatch size
 * @param burnInEpochs        passes before the first kept sample (0 for the cyclical schedule)
 * @param samples             S, snapshots kept (S/M per cycle for the cyclical schedule)
 * @param priorSigma          σ_p of the N(0, σ_p²) prior on every parameter
 * @param schedule            how ε_t evolves
 * @param scheduleB           b of the polynomial schedule
 * @param scheduleGamma       γ of the polynomial schedule
 * @param cycles              M of the cyclical schedule
 * @param explorationFraction β of the cyclical schedule
 * @param temperature         T
 * @param preconditioned      RMSprop preconditioner on
 * @param rmspropAlpha        α
 * @param rmspropLambda       λ
 */
record SgldChain(NetworkShape shape, int epochs, int batchSize, int burnInEpochs, int samples, double priorSigma,
                 StepSchedule schedule, double scheduleB, double scheduleGamma, int cycles, double explorationFraction,
                 double temperature, boolean preconditioned, double rmspropAlpha, double rmspropLambda) {

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

    /** @return updates of the whole chain on {@code n} examples */
    long totalSteps(int n) {
        return epochs * stepsPerEpoch(n);
    }

    /**
     * @param stepSize   initial ε (ε₀ of every cycle for the cyclical schedule)
     * @param totalSteps updates the chain makes
     * @return ε_t and the phases
     */
    StepSizeSchedule schedule(double stepSize, long totalSteps) {
        return switch (schedule) {
            case constant -> new StepSizeSchedule.Constant(stepSize);
            case polynomial -> StepSizeSchedule.Polynomial.startingAt(stepSize, scheduleB, scheduleGamma);
            case cyclical -> new StepSizeSchedule.Cyclical(stepSize, totalSteps, cycles, explorationFraction);
        };
    }

    /** @return the cyclical schedule's cycles on {@code n} examples (its phases do not depend on ε) */
    StepSizeSchedule.Cyclical cyclical(int n) {
        return (StepSizeSchedule.Cyclical) schedule(1, totalSteps(n));
    }

    private SnapshotCollector collector(List<Param> params, int n) {
        if (schedule == StepSchedule.cyclical) {
            return new SnapshotCollector(params, cyclical(n).samplingWindows(), samples / cycles);
        }
        return new SnapshotCollector(params, burnInEpochs * stepsPerEpoch(n), totalSteps(n), samples);
    }

    /**
     * @param stepSize initial ε
     * @param train    training data
     * @param listener progress
     * @param seed     the chain's seed: its initialisation, minibatch order and injected noise; the same seed gives
     * @param loss     the cross-entropy of U's likelihood term
     *                 the same three at every ε
     * @return the chain's samples and curve
     */
    Result run(double stepSize, DenseData train, TrainingListener listener, long seed, ClassLoss loss) {
        Rng rng = new Rng(seed);
        Network network = shape.buildDense().initialize(rng.split());
        List<Param> params = network.params();
        StepSizeSchedule steps = schedule(stepSize, totalSteps(train.size()));
        Langevin integrator = preconditioned
                ? Langevin.preconditioned(params, steps, temperature, rmspropAlpha, rmspropLambda, rng.split())
                : Langevin.sgld(params, steps, temperature, rng.split());
        SnapshotCollector collector = collector(params, train.size());
        TrainingHistory history = new TrainingLoop(SgldProvider.NAME, epochs, batchSize)
                .run(train, params, new PosteriorEnergy(network, priorSigma, loss), integrator, rng.split(), listener, collector);
        return new Result(stepSize, new SnapshotPredictive(network, collector.snapshots()), history,
                collector.thinningInterval());
    }
}
