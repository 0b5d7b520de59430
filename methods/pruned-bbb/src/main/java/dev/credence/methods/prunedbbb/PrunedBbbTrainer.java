package dev.credence.methods.prunedbbb;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.credence.core.CredenceInputException;
import dev.credence.core.bayes.GaussianAffineLayer;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.NetworkPredictive;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.train.TrainingListener;
import dev.credence.methods.bbb.BbbPosterior;
import dev.credence.methods.bbb.BbbTrainer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one Bayes-by-Backprop posterior exactly as {@link BbbTrainer} does (same stream, so the "prune=0" variant
 * equals the bbb method's predictive for the same seed), then, for every f in {@code fractions}, removes the
 * ⌊f·W⌋ weights of lowest signal-to-noise ratio |μ|/σ ({@link SnrPruning}) from a deep copy. Each copy is an
 * S-sample predictive, reported as variant {@code "prune=<f>"}; all copies use the same prediction seed (common
 * random numbers across fractions). The headline predictive is the copy at {@code headlineFraction}. Extras add a
 * {@code pruning} list of {fraction, removed_weights, kept_weights, kept_parameters}.
 */
public final class PrunedBbbTrainer extends BbbTrainer {

    @Config(description = "fractions of weights removed, lowest |μ|/σ first")
    private double[] fractions = {0.0, 0.5, 0.75, 0.9, 0.95, 0.98};
    @Config(description = "the fraction whose predictive is the headline; one of fractions")
    private double headlineFraction = 0.95;

    /** For OLCUT. */
    private PrunedBbbTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link PrunedBbbProvider})
     * @param seed   seed
     */
    public PrunedBbbTrainer(ResolvedParams params, long seed) {
        super(params, seed);
        this.fractions = params.getDoubleArray("fractions");
        this.headlineFraction = params.getDouble("headline_fraction");
        String problem = problem();
        if (problem != null) {
            throw new CredenceInputException("method '" + params.method() + "': " + problem);
        }
    }

    private String problem() {
        if (fractions == null || fractions.length == 0) {
            return "hyperparameter 'fractions' must list at least one fraction";
        }
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                return "hyperparameter 'fractions' must hold numbers in [0, 1], got " + fractions[i];
            }
            for (int j = 0; j < i; j++) {
                if (variantName(fractions[i]).equals(variantName(fractions[j]))) {
                    return "hyperparameter 'fractions' lists " + fractions[i] + " twice";
                }
            }
        }
        if (indexOf(headlineFraction) < 0) {
            return "hyperparameter 'headline_fraction' = " + headlineFraction + " must be one of 'fractions' "
                    + Arrays.toString(fractions);
        }
        return null;
    }

    private int indexOf(double fraction) {
        for (int i = 0; i < fractions.length; i++) {
            if (variantName(fractions[i]).equals(variantName(fraction))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void postConfig() {
        super.postConfig();
        String problem = problem();
        if (problem != null) {
            throw new PropertyException("", "headlineFraction", problem);
        }
    }

    @Override
    public String methodName() {
        return PrunedBbbProvider.NAME;
    }

    /**
     * @param fraction f
     * @return "prune=&lt;f&gt;" with f in plain decimal without trailing zeros ("prune=0", "prune=0.95")
     */
    public static String variantName(double fraction) {
        return "prune=" + BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
    }

    @Override
    protected FitResult fitWith(DenseData train, DenseData validation, TrainingListener listener, Rng rng) {
        BbbPosterior posterior = trainPosterior(train, listener, rng);
        long predictionSeed = rng.nextSeed();
        List<GaussianAffineLayer> layers = posterior.layers();
        int[] ranking = SnrPruning.rankBySnr(layers);
        int weights = ranking.length;
        int biases = SnrPruning.biasCount(layers);
        Map<String, Predictive> variants = new LinkedHashMap<>();
        List<Map<String, Object>> curve = new ArrayList<>();
        for (double f : fractions) {
            int removed = SnrPruning.removedCount(f, weights);
            variants.put(variantName(f), new NetworkPredictive(SnrPruning.prunedCopy(posterior.network(), ranking, removed),
                    true, predictionSeed));
            curve.add(new PruningLevel(f, removed, weights - removed, weights - removed + biases).toJson());
        }
        Map<String, Object> extras = posteriorExtras(posterior);
        extras.put("headline_fraction", headlineFraction);
        extras.put("pruning", curve);
        return new FitResult(variants.get(variantName(headlineFraction)), testSamples(), posterior.history(), variants, extras);
    }
}
