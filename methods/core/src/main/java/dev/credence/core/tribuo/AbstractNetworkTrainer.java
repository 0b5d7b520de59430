package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.HiddenActivation;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.loss.ClassPriors;
import dev.credence.core.loss.LossKind;
import dev.credence.core.random.Rng;
import dev.credence.core.engine.NetworkShape;
import dev.credence.core.spi.Architecture;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.RunShape;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.train.TrainingLoop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every MLP method: the network's shape and training loop as hyperparameter fields ({@link Hyper}: OLCUT
 * {@code @Config} fields, so Tribuo provenance records them), and the preflight and footprint of a dense network; the
 * seed, the invocation streams and the two training paths come from {@link SeededTrainer}. A method implements
 * {@link #fitNetwork} and {@link #footprint}; one trained by an optimiser extends {@link AbstractOptimizedNetworkTrainer}.
 *
 * <p>Every network method trains on the {@code loss} declared here ({@link LossKind}, with {@code loss_beta} and
 * {@code loss_tau}): {@link #fitWith} resolves it on the training data's class counts ({@link ClassPriors}) into the
 * {@link ClassLoss} the method's objective uses, and adds its resolved weights or offsets to the fit's extras.
 *
 * <p>Both paths run {@link #preflight} on the data they are given before anything is built, and refuse a fit whose
 * estimate alone exceeds the JVM's maximum heap; a harness calls the same preflight (through
 * {@link dev.credence.core.spi.MethodProvider#preflight}) for every run of a suite before the first trains.
 */
public abstract class AbstractNetworkTrainer extends SeededTrainer {

    @Hyper(min = 1, max = 65536)
    @Config(description = "hidden layer widths of the MLP (the architecture \"mlp\")")
    protected int[] hidden = {400, 400};
    @Hyper(recordDefault = false)
    @Config(description = "the network, then a dense layer to the classes; conv and pool layers need the dataset's "
            + "image rows (C×H×W); dense layers alone are an MLP; give it or 'hidden', not both")
    protected String architecture = Architecture.MLP;
    @Hyper
    @Config(description = "hidden activation (after every convolution and hidden dense layer)")
    protected HiddenActivation activation = HiddenActivation.relu;
    @Hyper(min = 1, max = 100000)
    @Config(description = "passes over the training data")
    protected int epochs = 20;
    @Hyper(min = 1, max = SharedHyperParameters.BATCH_SIZE_MAX)
    @Config(description = SharedHyperParameters.BATCH_SIZE_DESCRIPTION)
    protected int batch_size = SharedHyperParameters.BATCH_SIZE;
    @Hyper(recordDefault = false)
    @Config(description = "training loss: cross_entropy; class-reweighted inverse_frequency (w_c ∝ 1/n_c) or "
            + "effective_number (w_c ∝ (1−β)/(1−β^n_c)), weights scaled so that Σ_c n_c·w_c = N; logit_adjusted: "
            + "cross-entropy on z + τ·log π_train (Menon et al. 2021; the balanced softmax at τ = 1), plain logits at prediction")
    protected LossKind loss = LossKind.cross_entropy;
    @Hyper(min = 0, max = 1, maxOpen = true, recordDefault = false)
    @Config(description = "β of loss effective_number")
    protected double loss_beta = SharedHyperParameters.EFFECTIVE_NUMBER_BETA;
    @Hyper(min = 0, max = SharedHyperParameters.LOGIT_ADJUSTMENT_TAU_MAX, recordDefault = false)
    @Config(description = "τ of loss logit_adjusted")
    protected double loss_tau = SharedHyperParameters.LOGIT_ADJUSTMENT_TAU;

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
    /** @return false for {@code loss_beta} and {@code loss_tau} unless the {@code loss} they belong to is chosen */
    @Override
    protected boolean settingApplies(String field) {
        if (field.equals("loss_beta")) {
            return loss == LossKind.effective_number;
        }
        if (field.equals("loss_tau")) {
            return loss == LossKind.logit_adjusted;
        }
        if (field.equals(Architecture.HIDDEN_FIELD)) {
            return Architecture.MLP.equals(architecture);
        }
        return super.settingApplies(field);
    }

    @Override
    public final Footprint preflight(RunShape run) {
        NetworkPreflight plan = new NetworkPreflight(methodName(), networkShape(run.features(), run.image(), run.classes()),
                batch_size, run);
        if (plan.shape().convolutional() && !buildsConvolutions()) {
            mlpOnly(plan.shape());
        }
        plan.checkNetwork();
        return footprint(plan);
    }

    /** @return its network's multiply-adds per weight on this run (1 for an MLP) */
    @Override
    public final double multiplyAddsPerWeight(RunShape run) {
        return networkShape(run.features(), run.image(), run.classes()).multiplyAddsPerWeight();
    }

    /**
     * The method's fit on a dense table, with its loss resolved on {@code train}.
     *
     * @param train      training data
     * @param validation validation data or null
     * @param listener   progress
     * @param rng        this invocation's stream
     * @param loss       the cross-entropy every objective of the fit uses
     * @return the fit
     */
    protected abstract FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                            ClassLoss loss);

    /**
     * Resolves the loss on the training data's class counts, fits ({@link #fitNetwork}) and adds the loss's
     * {@link ClassLoss#extras} (none for the plain cross-entropy) to the fit's extras.
     */
    @Override
    protected final FitResult fitWith(DenseData train, DenseData validation, TrainingListener listener, Rng rng) {
        ClassLoss resolved = ClassLoss.resolve(loss, ClassPriors.of(train), loss_beta, loss_tau, methodName());
        FitResult fit = fitNetwork(train, validation, listener, rng, resolved);
        if (resolved.extras().isEmpty()) {
            return fit;
        }
        Map<String, Object> extras = new LinkedHashMap<>(fit.extras());
        extras.putAll(resolved.extras());
        return new FitResult(fit.predictive(), fit.testSamples(), fit.history(), fit.variants(), extras, fit.point(),
                fit.sweeps());
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
     * @return the network's shape for this data: the MLP, or the convolutional network of {@code architecture}
     * @throws dev.credence.core.CredenceInputException when the architecture does not fit the data (naming the layer)
     */
    protected NetworkShape networkShape(DenseData data) {
        return networkShape(data.numFeatures(), data.image(), data.numClasses());
    }

    private NetworkShape networkShape(int features, dev.credence.core.data.ImageShape image, int classes) {
        return Architecture.shape(architecture, hidden, features, image, classes, activation.layerName());
    }

    /**
     * @return whether this method builds convolutional networks ({@link #networkShape}); false (the default) makes
     *     the preflight refuse a convolutional {@code architecture} with one line ({@link #mlpOnly})
     */
    protected boolean buildsConvolutions() {
        return false;
    }

    /**
     * For a method that builds MLPs only.
     *
     * @param data training data
     * @return the MLP shape for this data
     * @throws dev.credence.core.CredenceInputException when {@code architecture} is convolutional
     */
    protected MlpShape shape(DenseData data) {
        return mlpOnly(networkShape(data));
    }

    /**
     * @param shape a network shape
     * @return it, when it is an MLP
     * @throws dev.credence.core.CredenceInputException for a convolutional shape: one line saying this method runs on
     *                                                  MLPs only
     */
    protected MlpShape mlpOnly(NetworkShape shape) {
        if (shape instanceof MlpShape mlp) {
            return mlp;
        }
        throw new dev.credence.core.CredenceInputException("method '" + methodName() + "': runs on an MLP only ('hidden', "
                + "or an architecture of dense layers), not on the convolutional architecture " + architecture);
    }

    /**
     * @param epochCount passes for this phase
     * @return the shared loop with this trainer's batch size
     */
    protected TrainingLoop loop(int epochCount) {
        return new TrainingLoop(methodName(), epochCount, batch_size);
    }
}
