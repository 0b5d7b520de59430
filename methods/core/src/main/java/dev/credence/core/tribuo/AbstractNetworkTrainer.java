package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Adam;
import dev.credence.core.engine.Activation;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Optimizer;
import dev.credence.core.engine.Param;
import dev.credence.core.engine.Sgd;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.train.TrainingLoop;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Base of every MLP method: the shared hyperparameters as OLCUT {@code @Config} fields (so Tribuo provenance
 * records them) and the network's shape, optimiser and footprint; the seed, the invocation streams and the two
 * training paths come from {@link SeededTrainer}. A method implements {@link #fitWith} and {@link #footprint}.
 *
 * <p>Both paths run {@link #preflight} on the data they are given before anything is built, and refuse a fit whose
 * estimate alone exceeds the JVM's maximum heap; a harness calls the same preflight (through
 * {@link dev.credence.core.spi.MethodProvider#preflight}) for every run of a suite before the first trains.
 */
public abstract class AbstractNetworkTrainer extends SeededTrainer {

    @Config(description = "hidden layer widths")
    protected int[] hidden = {400, 400};
    @Config(description = "hidden activation: relu or tanh")
    protected String activation = "relu";
    @Config(description = "passes over the training data")
    protected int epochs = 20;
    @Config(description = "minibatch size")
    protected int batchSize = 128;
    @Config(description = "optimizer: adam or sgd")
    protected String optimizer = "adam";
    @Config(description = "learning rate")
    protected double learningRate = 1e-3;
    @Config(description = "heavy-ball momentum for sgd")
    protected double momentum = 0.0;

    /** For OLCUT. */
    protected AbstractNetworkTrainer() {
    }

    /**
     * @param params validated values including {@link NetworkHyperParameters#common()}
     * @param seed   seed
     */
    protected AbstractNetworkTrainer(ResolvedParams params, long seed) {
        super(seed);
        this.hidden = params.getIntArray("hidden");
        this.activation = params.getString("activation");
        this.epochs = params.getInt("epochs");
        this.batchSize = params.getInt("batch_size");
        this.optimizer = params.getString("optimizer");
        this.learningRate = params.getDouble("learning_rate");
        this.momentum = params.getDouble("momentum");
    }

    @Override
    public void postConfig() {
        if (epochs < 1 || batchSize < 1 || !(learningRate >= 0)) {
            throw new PropertyException("", "epochs", "epochs and batchSize must be ≥ 1 and learningRate ≥ 0");
        }
        Activation.named(activation);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new PropertyException("", "optimizer", "optimizer must be adam or sgd, got " + optimizer);
        }
        super.postConfig();
    }

    /**
     * The method's own rules and memory terms for a run; the network's matrix sizes ({@link NetworkPreflight#checkNetwork})
     * are checked already. Must not build the network.
     *
     * @param plan the network and the run
     * @return the estimate
     */
    protected abstract Footprint footprint(NetworkPreflight plan);

    /**
     * Checks the run's network and the method's own rules, and estimates its memory, from sizes alone.
     *
     * @param run the run's data shape
     * @return the method's estimate
     */
    @Override
    public final Footprint preflight(RunShape run) {
        NetworkPreflight plan = new NetworkPreflight(methodName(), new MlpShape(run.features(), hidden, run.classes(), activation),
                batchSize, run);
        plan.checkNetwork();
        return footprint(plan);
    }

    /** @return floats of optimizer state per trained scalar: 2 for adam (m and v), 1 for sgd with momentum, else 0 */
    protected int optimizerStateCopies() {
        if (optimizer.equals("sgd")) {
            return momentum > 0 ? 1 : 0;
        }
        return 2;
    }

    /**
     * The terms of a network of dense layers and activations trained with the configured optimizer and then
     * predicted on the test set: values, gradients, optimizer state, minibatch, layer buffers for the larger of a
     * minibatch and a test chunk, and the test chunk.
     *
     * @param plan the network and the run
     * @return the terms, for the method to add its own
     */
    protected Footprint.Builder denseFootprint(NetworkPreflight plan) {
        Footprint.Builder f = Footprint.builder();
        plan.addTraining(f, plan.parameterCount(), optimizerStateCopies());
        plan.addLayerBuffers(f, Math.max(plan.batchRows(), plan.testChunkRows()));
        return plan.addPredictionChunk(f, plan.testChunkRows());
    }

    /** @return passes over the data */
    protected int epochs() {
        return epochs;
    }

    /**
     * @param data training data
     * @return the MLP shape for this data
     */
    protected MlpShape shape(DenseData data) {
        return new MlpShape(data.numFeatures(), hidden, data.numClasses(), activation);
    }

    /**
     * @param params parameters to update
     * @return the configured optimizer
     */
    protected Optimizer newOptimizer(List<Param> params) {
        return optimizer.equals("sgd") ? new Sgd(params, learningRate, momentum) : new Adam(params, learningRate);
    }

    /**
     * @param epochCount passes for this phase
     * @return the shared loop with this trainer's batch size
     */
    protected TrainingLoop loop(int epochCount) {
        return new TrainingLoop(methodName(), epochCount, batchSize);
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
    protected dev.credence.core.train.TrainingHistory optimize(dev.credence.core.engine.Network network,
                                                                dev.credence.core.train.Objective objective, DenseData data,
                                                                TrainingListener listener, Rng rng,
                                                                dev.credence.core.train.StepHook hook) {
        return loop(epochs).run(data, network.params(), objective, newOptimizer(network.params()), rng, listener, hook);
    }
}
