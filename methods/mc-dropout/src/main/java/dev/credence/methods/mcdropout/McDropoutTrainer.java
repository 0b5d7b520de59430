package dev.credence.methods.mcdropout;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.engine.DenseLayer;
import dev.credence.core.engine.Dropout;
import dev.credence.core.engine.Layer;
import dev.credence.core.data.ImageShape;
import dev.credence.core.engine.ChannelDropout;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.LayerSpec;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.NetworkShape;
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

import java.util.ArrayList;
import java.util.List;

/**
 * MC dropout (Gal &amp; Ghahramani 2016). The network has an inverted {@link Dropout} layer with rate p after every
 * hidden dense activation (and optionally one with its own rate on the input); on a convolutional architecture, each
 * convolution block (the convolution, its activation and the pooling layers after it) is followed by dropout at its
 * own rate ({@code conv_dropout}: one rate per block in order, or one for every block), unit-wise or, with
 * {@code spatial_dropout}, channel-wise ({@link ChannelDropout}). It is trained on
 * mean CE (the configured {@code loss}) + (λ/2)·‖w‖² (weights only), each step with fresh masks. Training with dropout and L2 is variational
 * inference with a Bernoulli-masked weight posterior; its predictive is approximated by T passes with fresh
 * masks, p(y|x) ≈ (1/T) Σ_t softmax(f(x; m_t ∘ W)), which this trainer returns as T samples.
 */
public final class McDropoutTrainer extends AbstractOptimizedNetworkTrainer {

    @Hyper(min = 0, max = 0.95)
    @Config(description = "probability p of dropping each hidden unit")
    private double dropout = 0.2;
    @Hyper(min = 0, max = 0.95)
    @Config(description = "probability of dropping each input feature (0 = none)")
    private double input_dropout = 0.0;
    @Hyper(min = 0, max = SharedHyperParameters.WEIGHT_DECAY_MAX)
    @Config(description = SharedHyperParameters.WEIGHT_DECAY_DESCRIPTION)
    private double weight_decay = SharedHyperParameters.WEIGHT_DECAY;
    @Hyper(min = 0, max = 0.95, recordDefault = false)
    @Config(description = "dropout rates after the convolution blocks (conv, activation, its pooling), one per block in "
            + "order or one for every block; 0 = none (a convolutional architecture only)")
    private double[] conv_dropout = {0.0};
    @Hyper(recordDefault = false)
    @Config(description = "whether the convolution blocks' dropout drops whole channels (spatial dropout) instead of units")
    private boolean spatial_dropout = false;
    @Hyper(min = 1, max = SharedHyperParameters.TEST_SAMPLES_MAX)
    @Config(description = "T, stochastic forward passes at test time")
    private int test_samples = SharedHyperParameters.TEST_SAMPLES;

    /** For OLCUT. */
    private McDropoutTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link McDropoutProvider})
     * @param seed   seed of initialisation, minibatch order, training masks and test-time masks
     */
    public McDropoutTrainer(ResolvedParams params, long seed) {
        super(seed);
        configure(params);
    }

    @Override
    public String methodName() {
        return McDropoutProvider.NAME;
    }

    /**
     * @param shape the network's shape
     * @return its layers with dropout after each hidden dense activation and each convolution block, and before the
     *         first layer when input dropout is on (not yet initialised)
     */
    Network buildNetwork(NetworkShape shape) {
        Network body = shape.build((i, g) -> new dev.credence.core.engine.Conv2d("layer" + i, g),
                (i, in, out) -> new DenseLayer("layer" + i, in, out), i -> after(shape, i));
        if (input_dropout == 0) {
            return body;
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dropout(input_dropout));
        layers.addAll(body.layers());
        return new Network(shape.inputSize(), layers);
    }

    /** @return the dropout after hidden layer {@code i}: its block's rate for a convolution, else {@code dropout} */
    private List<Layer> after(NetworkShape shape, int i) {
        if (shape instanceof ConvShape conv && conv.layers().get(i) instanceof LayerSpec.Conv) {
            double rate = blockRate(conv, i);
            if (rate == 0) {
                return List.of();
            }
            ImageShape out = conv.blockOutput(i);
            return List.of(spatial_dropout ? new ChannelDropout(rate, out.channels(), out.height() * out.width())
                    : new Dropout(rate));
        }
        return dropout > 0 ? List.of(new Dropout(dropout)) : List.of();
    }

    /** @return the {@code conv_dropout} rate of the block of the convolution at position {@code i} */
    private double blockRate(ConvShape conv, int i) {
        if (conv_dropout.length == 1) {
            return conv_dropout[0];
        }
        int block = 0;
        for (int j = 0; j < i; j++) {
            if (conv.layers().get(j) instanceof LayerSpec.Conv) {
                block++;
            }
        }
        return conv_dropout[block];
    }

    /** @return one line when {@code conv_dropout} lists neither one rate nor one per convolution block */
    private String convDropoutProblem(NetworkShape shape) {
        int blocks = shape instanceof ConvShape conv ? conv.convolutions() : 0;
        if (conv_dropout.length != 1 && conv_dropout.length != blocks) {
            return "hyperparameter 'conv_dropout' lists " + conv_dropout.length + " rates, but the architecture has "
                    + blocks + " convolution blocks: give one rate, or one per block";
        }
        return null;
    }

    /** @return true: dropout after dense layers and convolution blocks */
    @Override
    protected boolean buildsConvolutions() {
        return true;
    }

    /** @return whether any dropout rate is on, so that the predictive samples masks */
    private boolean stochastic() {
        return dropout > 0 || input_dropout > 0 || java.util.Arrays.stream(conv_dropout).anyMatch(r -> r > 0);
    }

    /** @return the request, or {@code test_samples}; 1 when no dropout rate is on */
    @Override
    public int predictiveSamples(Integer requested) {
        return NetworkPredictive.samplesReturned(stochastic(), requested == null ? test_samples : requested);
    }

    /**
     * The dense network's terms plus the {@link Dropout} layers': each keeps a mask and an output for the larger of a
     * minibatch and a test chunk, and an input gradient for a minibatch (R·h, R·h and B·h floats after hidden layer h;
     * R·D, R·D for input dropout, which also makes the first dense layer compute its B×D input gradient).
     */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        String problem = convDropoutProblem(plan.shape());
        if (problem != null) {
            throw plan.refusal(problem);
        }
        Footprint.Builder f = denseFootprint(plan);
        int rows = Math.max(plan.batchRows(), plan.testChunkRows());
        long batch = plan.batchRows();
        long masks = 0;
        // on a convolutional network every activated unit is counted: an upper bound of the blocks' dropout
        if (dropout > 0 || java.util.Arrays.stream(conv_dropout).anyMatch(r -> r > 0)) {
            masks += rows * plan.hiddenUnits();
            f.add(Footprint.ACTIVATIONS, NetworkPreflight.bytes(rows * plan.hiddenUnits()), "'batch_size' or 'hidden'");
            f.add(Footprint.ACTIVATION_GRADIENTS, NetworkPreflight.bytes(batch * plan.hiddenUnits()), "'batch_size' or 'hidden'");
        }
        if (input_dropout > 0) {
            long features = plan.run().features();
            masks += rows * features;
            f.add(Footprint.ACTIVATIONS, NetworkPreflight.bytes(rows * features), "'batch_size'");
            f.add(Footprint.ACTIVATION_GRADIENTS, NetworkPreflight.bytes(batch * features), "'batch_size'");
        }
        return f.add("dropout_masks", NetworkPreflight.bytes(masks), "'batch_size' or 'hidden'").build();
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        Network network = buildNetwork(networkShape(train)).initialize(rng.split());
        TrainingHistory history = optimize(network, new CrossEntropyObjective(network, weight_decay, loss), train, listener,
                rng.split(), StepHook.NONE);
        return FitResult.of(new NetworkPredictive(network, stochastic(), rng.nextSeed()), test_samples, history)
                .withPoint(new PointNetwork(network));
    }
}
