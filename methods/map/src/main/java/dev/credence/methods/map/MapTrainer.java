package dev.credence.methods.map;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.engine.Network;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.train.CrossEntropyObjective;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractOptimizedNetworkTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;

/**
 * The baseline: a point estimate of the MLP's weights minimising mean cross-entropy + (λ/2)·‖w‖² (weights only);
 * the cross-entropy is the configured {@code loss}.
 * Its predictive is the single softmax output (S = 1).
 */
public final class MapTrainer extends AbstractOptimizedNetworkTrainer {

    @Hyper(min = 0, max = SharedHyperParameters.WEIGHT_DECAY_MAX)
    @Config(description = SharedHyperParameters.WEIGHT_DECAY_DESCRIPTION)
    private double weight_decay = SharedHyperParameters.WEIGHT_DECAY;

    /** For OLCUT. */
    private MapTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link MapProvider})
     * @param seed   seed
     */
    public MapTrainer(ResolvedParams params, long seed) {
        super(seed);
        configure(params);
    }

    @Override
    public String methodName() {
        return MapProvider.NAME;
    }

    /** @return 1: the predictive is the single softmax output */
    @Override
    public int predictiveSamples(Integer requested) {
        return NetworkPredictive.samplesReturned(false, requested == null ? 1 : requested);
    }

    /** @return the dense network's terms alone ({@link #denseFootprint}); MAP has no rule of its own */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        return denseFootprint(plan).build();
    }

    /** @return true: MAP trains any architecture */
    @Override
    protected boolean buildsConvolutions() {
        return true;
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        Network network = networkShape(train).buildDense().initialize(rng.split());
        TrainingHistory history = optimize(network, new CrossEntropyObjective(network, weight_decay, loss), train, listener,
                rng.split(), StepHook.NONE);
        return FitResult.of(new NetworkPredictive(network, false, rng.nextSeed()), 1, history).withPoint(new PointNetwork(network));
    }
}
