package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.HiddenActivation;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.RunShape;
import dev.credence.core.train.TrainingLoop;

/**
 * Base of every MLP method: the network's shape and training loop as hyperparameter fields ({@link Hyper}: OLCUT
 * {@code @Config} fields, so Tribuo provenance records them), and the preflight and footprint of a dense network; the
 * seed, the invocation streams and the two training paths come from {@link SeededTrainer}. A method implements
 * {@link #fitWith} and {@link #footprint}; one trained by an optimiser extends {@link AbstractOptimizedNetworkTrainer}.
 *
 * <p>Both paths run {@link #preflight} on the data they are given before anything is built, and refuse a fit whose
 * estimate alone exceeds the JVM's maximum heap; a harness calls the same preflight (through
 * {@link dev.credence.core.spi.MethodProvider#preflight}) for every run of a suite before the first trains.
 */
public abstract class AbstractNetworkTrainer extends SeededTrainer {

    @Hyper(min = 1, max = 65536)
    @Config(description = "hidden layer widths")
    protected int[] hidden = {400, 400};
    @Hyper
    @Config(description = "hidden activation")
    protected HiddenActivation activation = HiddenActivation.RELU;
    @Hyper(min = 1, max = 100000)
    @Config(description = "passes over the training data")
    protected int epochs = 20;
    @Hyper(min = 1, max = SharedHyperParameters.BATCH_SIZE_MAX)
    @Config(description = SharedHyperParameters.BATCH_SIZE_DESCRIPTION)
    protected int batchSize = SharedHyperParameters.BATCH_SIZE;

    /** For OLCUT. */
    protected AbstractNetworkTrainer() {
    }

    /** @param seed seed (the constructor of the concrete class then calls {@link #configure}) */
    protected AbstractNetworkTrainer(long seed) {
        super(seed);
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
        NetworkPreflight plan = new NetworkPreflight(methodName(), shape(run.features(), run.classes()), batchSize, run);
        plan.checkNetwork();
        return footprint(plan);
    }

    /** @return floats of optimizer state per trained scalar (none unless the subclass trains with an optimiser) */
    protected int optimizerStateCopies() {
        return 0;
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
        return shape(data.numFeatures(), data.numClasses());
    }

    private MlpShape shape(int features, int classes) {
        return new MlpShape(features, hidden, classes, activation.layerName());
    }

    /**
     * @param epochCount passes for this phase
     * @return the shared loop with this trainer's batch size
     */
    protected TrainingLoop loop(int epochCount) {
        return new TrainingLoop(methodName(), epochCount, batchSize);
    }
}
