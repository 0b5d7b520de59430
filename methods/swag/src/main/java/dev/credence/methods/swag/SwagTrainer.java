package dev.credence.methods.swag;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Sgd;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.CrossEntropyObjective;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.train.TrainingLoop;
import dev.credence.core.tribuo.AbstractComposedTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SWAG (Maddox et al. 2019, Algorithm 1) on a base's fit: a copy of the base's point network is trained
 * {@code swag_epochs} more epochs by the shared {@link TrainingLoop}, SGD with momentum at a constant rate on mean
 * cross-entropy + (λ/2)·‖w‖² in training mode (so a dropout base keeps its dropout), while a {@link SwagCollector}
 * records the weights on its schedule; the predictive is S networks drawn from the fitted Gaussian
 * ({@link SwagPosterior#predictive}), each one mean pass. Variant {@code "swa"} is the network at θ̄ (SWA, one mean
 * pass). The fit's history is the SWAG phase alone.
 *
 * <p>Draws: the phase's shuffling (and any dropout) from the first split of this invocation's stream, then the seed of
 * the S samples from the stream itself; {@link #fit} uses the base's next invocation first, so it gives bit for bit
 * what {@link #fitOn} gives on a fit from a fresh base trainer with the same seed.
 */
public final class SwagTrainer extends AbstractComposedTrainer {
    /** What it does with its base's point network, for the refusals ({@link PointNetwork#refusal}). */
    static final String USES_POINT_NETWORK = "continues training, with SGD,";

    @Hyper(min = 1, max = 100000)
    @Config(description = "K, epochs of the SWAG phase after the base's training")
    private int swag_epochs = 10;
    @Hyper(min = 0, max = 1000)
    @Config(description = "constant SGD learning rate of the SWAG phase")
    private double swag_learning_rate = 0.01;
    @Hyper(min = 0, max = 1, maxOpen = true)
    @Config(description = "heavy-ball momentum of the SWAG phase's SGD")
    private double momentum = 0.9;
    @Hyper(min = 0, max = SharedHyperParameters.WEIGHT_DECAY_MAX)
    @Config(description = SharedHyperParameters.WEIGHT_DECAY_DESCRIPTION)
    private double weight_decay = SharedHyperParameters.WEIGHT_DECAY;
    @Hyper(min = 1, max = SharedHyperParameters.BATCH_SIZE_MAX)
    @Config(description = SharedHyperParameters.BATCH_SIZE_DESCRIPTION)
    private int batch_size = SharedHyperParameters.BATCH_SIZE;
    @Hyper(min = 0, max = 1 << 30)
    @Config(description = "c: collect the weights after every c-th update; 0 = after the last update of each epoch")
    private int collect_every_steps = 0;
    @Hyper(min = 2, max = 100000)
    @Config(description = "r, the last deviations kept as columns of D (low_rank covariance only; "
            + "DDᵀ/(r − 1) needs two)")
    private int rank = SwagCollector.DEFAULT_RANK;
    @Hyper
    @Config(description = "low_rank: ½(Σ_diag + DDᵀ/(r − 1)) (SWAG); diagonal: Σ_diag (SWAG-Diagonal)")
    private SwagCovariance covariance = SwagCovariance.low_rank;
    @Hyper(min = 1, max = SharedHyperParameters.TEST_SAMPLES_MAX)
    @Config(description = "S, networks drawn from the SWAG Gaussian")
    private int test_samples = SharedHyperParameters.TEST_SAMPLES;

    private SwagSettings settings;

    /** For OLCUT. */
    private SwagTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link SwagProvider})
     * @param seed   seed of SWAG's own draws
     * @param base   the base's trainer (its fits must carry a point network)
     */
    public SwagTrainer(ResolvedParams params, long seed, UncertaintyTrainer base) {
        super(seed, base);
        configure(params);
    }

    @Override
    public void postConfig() {
        super.postConfig();
        this.settings = settings();
    }

    /** @return the settings of the hyperparameter fields as one value */
    SwagSettings settings() {
        return new SwagSettings(swag_epochs, swag_learning_rate, momentum, weight_decay, batch_size, collect_every_steps, rank,
                covariance, test_samples);
    }

    @Override
    public String methodName() {
        return SwagProvider.NAME;
    }

    /** @return the request (or S when null), capped at the S networks drawn */
    @Override
    public int predictiveSamples(Integer requested) {
        return SnapshotPredictive.samplesReturned(test_samples, requested == null ? test_samples : requested);
    }

    /** @return the base's estimate on the run plus SWAG's own terms ({@link SwagSettings#footprint}) */
    @Override
    public Footprint preflight(RunShape run) {
        return settings.footprint(run, base.preflight(run));
    }

    @Override
    protected FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation, TrainingListener listener,
                                  Rng rng) {
        PointNetwork point = PointNetwork.of(baseFit, SwagProvider.NAME, USES_POINT_NETWORK, base.methodName());
        Network start = point.network();
        if (start.inputSize() != train.numFeatures() || start.outputSize() != train.numClasses()) {
            throw new IllegalArgumentException("the base's network maps " + start.inputSize() + " features to "
                    + start.outputSize() + " classes; the training data has " + train.numFeatures() + " and " + train.numClasses());
        }
        settings.checkRun(train.size());
        Network network = point.copy();
        SwagCollector collector = new SwagCollector(network.params(), settings.schedule(), settings.collectorRank());
        TrainingHistory history = new TrainingLoop(methodName(), swag_epochs, batch_size).run(train, network.params(),
                new CrossEntropyObjective(network, weight_decay), new Sgd(network.params(), swag_learning_rate, momentum),
                rng.split(), listener, collector);
        SwagPosterior posterior = collector.posterior();
        long sampleSeed = rng.nextSeed();

        Network swa = new PointNetwork(network).copy();
        ParameterSnapshots.load(posterior.meanSnapshot(), swa.params());
        Predictive swaPredictive = new NetworkPredictive(swa, false, 0L);
        SnapshotPredictive predictive = posterior.predictive(network, covariance, test_samples, sampleSeed);

        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("iterates", posterior.iterates());
        extras.put("rank", covariance == SwagCovariance.low_rank ? posterior.rank() : 0);
        extras.put("collection", settings.schedule().toString());
        extras.put("samples_mib", predictive.snapshotBytes() / (1024.0 * 1024.0));
        extras.put("history", "the SWAG phase only (" + swag_epochs + " epochs from the base's network)");
        return new FitResult(predictive, predictive.size(), history, Map.of("swa", swaPredictive), extras);
    }
}
