package dev.credence.methods.prunedbbb;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassLoss;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.NetworkPreflight;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.Sweep;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.bbb.BbbPosterior;
import dev.credence.methods.bbb.BbbTrainer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trains one Bayes-by-Backprop posterior exactly as {@link BbbTrainer} does (same stream, so the point at fraction 0
 * equals the bbb method's predictive for the same seed), then, for every f in {@code fractions}, removes the
 * ⌊f·W⌋ weights of lowest signal-to-noise ratio |μ|/σ ({@link SnrPruning}) from a deep copy. Each copy is an
 * S-sample predictive, published as the point f of the sweep on axis {@value #AXIS}, in the order of
 * {@code fractions}; all copies use the same prediction seed (common random numbers across fractions). The headline
 * predictive is the copy at {@code headline_fraction} (the same object as its sweep point). Extras add a
 * {@code pruning} list of {fraction, removed_weights, kept_weights, kept_parameters}.
 */
public final class PrunedBbbTrainer extends BbbTrainer {
    /** The axis of the pruning sweep: the fraction of weights removed. */
    public static final String AXIS = "pruned_fraction";
    /** What the axis value means. */
    public static final String AXIS_DESCRIPTION = "fraction of weights removed, lowest |μ|/σ first";

    @Hyper(min = 0, max = 1)
    @Config(description = "fractions of weights removed (lowest |μ|/σ first); each is scored as a point of the sweep on "
            + "axis " + AXIS)
    private double[] fractions = {0.0, 0.5, 0.75, 0.9, 0.95, 0.98};
    @Hyper(min = 0, max = 1)
    @Config(description = "the fraction whose predictive is the run's headline; must be one of fractions")
    private double headline_fraction = 0.95;

    /** For OLCUT. */
    private PrunedBbbTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link PrunedBbbProvider})
     * @param seed   seed
     */
    public PrunedBbbTrainer(ResolvedParams params, long seed) {
        super(seed);
        configure(params);
    }

    /** @return BBB's rules, then: no fraction twice, and the headline one of them */
    @Override
    protected String ruleProblem() {
        String bbb = super.ruleProblem();
        if (bbb != null) {
            return bbb;
        }
        for (int i = 0; i < fractions.length; i++) {
            for (int j = 0; j < i; j++) {
                if (same(fractions[i], fractions[j])) {
                    return "hyperparameter 'fractions' lists " + fractions[i] + " twice";
                }
            }
        }
        if (indexOf(headline_fraction) < 0) {
            return "hyperparameter 'headline_fraction' = " + headline_fraction + " must be one of 'fractions' "
                    + Arrays.toString(fractions);
        }
        return null;
    }

    private int indexOf(double fraction) {
        for (int i = 0; i < fractions.length; i++) {
            if (same(fractions[i], fraction)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String methodName() {
        return PrunedBbbProvider.NAME;
    }

    /** @return whether two fractions are one value (0.95 and 0.950 are; decimal comparison of their shortest repr) */
    private static boolean same(double a, double b) {
        return BigDecimal.valueOf(a).compareTo(BigDecimal.valueOf(b)) == 0;
    }

    /**
     * The posterior's terms (the trained network itself never predicts) plus, with W weights and P random variables:
     * the SNR ranking ({@link SnrPruning#rankBySnr}: per weight a double SNR, a boxed index and its slot, the sort's
     * merge space and the int ranking, 40 bytes at most); the serialization buffers of one copy
     * ({@link SnrPruning#deepCopy}: the stream's buffer, up to twice the 16P bytes of μ and ρ with their gradients,
     * and the byte array read back, 48P in all); and every variant, alive at once in the result: its 4P floats of μ,
     * ρ and gradients, one removed flag per weight when it removes any, and once the harness predicts with it, 5P
     * floats of σ, σ', ρ copy, ε and w, its layer outputs for a test chunk and that chunk (its first layer keeps the
     * input of its last pass, so each variant holds a chunk of its own).
     *
     * <p>Rules: the ranking holds every weight in one array, and a copy's serialized bytes go into one array.
     */
    @Override
    protected Footprint footprint(NetworkPreflight plan) {
        long weights = plan.weightCount();
        long p = plan.parameterCount();
        long serialized = NetworkPreflight.bytes(4 * p);
        plan.checkArray("the SNR ranking of all weights", weights, "lower 'hidden'");
        plan.checkArray("the byte array of a serialized copy of the trained network", serialized, "lower 'hidden'");
        int chunk = plan.testChunkRows();
        long predicted = 5 * p + plan.forwardFloats(chunk) + (long) chunk * plan.run().features();
        long variant = NetworkPreflight.bytes(4 * p + (chunk > 0 ? predicted : 0));
        long variants = 0;
        for (double f : fractions) {
            variants += variant + (SnrPruning.removedCount(f, (int) weights) > 0 ? weights : 0);
        }
        return posteriorFootprint(plan, 0)
                .add("snr_ranking", 40 * weights, "'hidden'")
                .add("network_copies", 3 * serialized, "'hidden'")
                .add("variant_networks", variants, "'fractions' or 'hidden'")
                .build();
    }

    @Override
    protected FitResult fitNetwork(DenseData train, DenseData validation, TrainingListener listener, Rng rng,
                                    ClassLoss loss) {
        BbbPosterior posterior = trainPosterior(train, listener, rng, loss);
        long predictionSeed = rng.nextSeed();
        List<GaussianAffineLayer> layers = posterior.layers();
        int[] ranking = SnrPruning.rankBySnr(layers);
        int weights = ranking.length;
        int biases = SnrPruning.biasCount(layers);
        List<Sweep.Point> points = new ArrayList<>();
        List<Map<String, Object>> curve = new ArrayList<>();
        for (double f : fractions) {
            int removed = SnrPruning.removedCount(f, weights);
            points.add(new Sweep.Point(f, new NetworkPredictive(SnrPruning.prunedCopy(posterior.network(), ranking, removed),
                    true, predictionSeed)));
            curve.add(new PruningLevel(f, removed, weights - removed, weights - removed + biases).toJson());
        }
        // on log(1 − f), where 0.9, 0.95 and 0.98 spread out (Blundell et al. 2015, Table 2); linear when f = 1 is asked
        boolean belowOne = java.util.Arrays.stream(fractions).allMatch(f -> f < 1);
        Sweep sweep = new Sweep(AXIS, AXIS_DESCRIPTION, belowOne ? Sweep.Scale.LOG_ONE_MINUS : Sweep.Scale.LINEAR, points);
        Map<String, Object> extras = posteriorExtras(posterior);
        extras.put("headline_fraction", headline_fraction);
        extras.put("pruning", curve);
        Predictive headline = points.get(indexOf(headline_fraction)).predictive();
        return new FitResult(headline, testSamples(), posterior.history(), Map.of(), extras).withSweeps(List.of(sweep));
    }
}
