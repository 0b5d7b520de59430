package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Optimizer;
import dev.credence.core.engine.OptimizerKind;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.Hyper;
import dev.credence.core.train.Objective;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;

import java.util.List;

/** Base of an MLP method trained by a gradient optimiser (map, MC dropout, BBB): the optimiser's hyperparameters. */
public abstract class AbstractOptimizedNetworkTrainer extends AbstractNetworkTrainer {

    @Hyper
    @Config(description = "optimizer")
    protected OptimizerKind optimizer = OptimizerKind.adam;
    @Hyper(min = 0, max = 1000)
    @Config(description = "learning rate")
    protected double learning_rate = 1e-3;
    @Hyper(min = 0, max = 1, maxOpen = true)
    @Config(description = "heavy-ball momentum (sgd only)")
    protected double momentum = 0.0;

    /** For OLCUT. */
    protected AbstractOptimizedNetworkTrainer() {
    }

    /** @param seed seed (the constructor of the concrete class then calls {@link #configure}) */
    protected AbstractOptimizedNetworkTrainer(long seed) {
        super(seed);
    }

    /** @return false for {@code momentum} under Adam (which has none), otherwise {@link SeededTrainer#settingApplies} */
    @Override
    protected boolean settingApplies(String field) {
        return !(field.equals("momentum") && optimizer != OptimizerKind.sgd) && super.settingApplies(field);
    }

    @Override
    protected int optimizerStateCopies() {
        return optimizer.stateCopies(momentum);
    }

    /**
     * @param params parameters to update
     * @return the configured optimizer
     */
    protected Optimizer newOptimizer(List<Param> params) {
        return optimizer.create(params, learning_rate, momentum);
    }

    /**
     * Runs the shared loop with this trainer's optimizer over all of the network's parameters.
     *
     * @param network   network being trained
     * @param objective its objective
     * @param data      training data
     * @param listener  progress
     * @param rng       stream
     * @param hook      called after each update
     * @return the training curve
     */
    protected TrainingHistory optimize(Network network, Objective objective, DenseData data, TrainingListener listener,
                                       Rng rng, StepHook hook) {
        return loop(epochs).run(data, network.params(), objective, newOptimizer(network.params()), rng, listener, hook);
    }
}
