package dev.credence.methods.logitadjustment;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.loss.ClassPriors;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractComposedTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Post-hoc logit adjustment of a base method's fit (Menon et al. 2021, §4), method "logit-adjustment": the base's
 * predictive with τ·log π_train subtracted ({@link AdjustedPredictive}), π_train the class frequencies of the data
 * the fit is given. Nothing is trained or drawn, so the fit's history is the base's and the seed is unused; the
 * base's weights are untouched. A class without training examples is refused (its log π is −∞).
 */
public final class LogitAdjustmentTrainer extends AbstractComposedTrainer {
    /** Registry name. */
    public static final String NAME = "logit-adjustment";

    @Hyper(min = 0, max = SharedHyperParameters.LOGIT_ADJUSTMENT_TAU_MAX)
    @Config(description = "τ: the base's logits (log mean predictive for a sampled base) minus τ·log π_train")
    private double tau = SharedHyperParameters.LOGIT_ADJUSTMENT_TAU;

    /** For OLCUT. */
    private LogitAdjustmentTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link LogitAdjustmentProvider})
     * @param seed   seed (unused: the adjustment draws nothing)
     * @param base   the base method's trainer
     */
    public LogitAdjustmentTrainer(ResolvedParams params, long seed, UncertaintyTrainer base) {
        super(seed, Objects.requireNonNull(base, "base"));
        configure(params);
    }

    @Override
    public String methodName() {
        return NAME;
    }

    /** @return 1: the adjusted predictive is one distribution per example */
    @Override
    public int predictiveSamples(Integer requested) {
        return 1;
    }

    /**
     * @return the base's estimate plus this method's ({@link #footprint}), with the base's own S
     *     ({@code base.predictiveSamples(null)}, what the fit asks of it unless a suite sets S)
     */
    @Override
    public Footprint preflight(RunShape run) {
        return footprint(base.preflight(run), run, base.predictiveSamples(null));
    }

    /**
     * The base's terms plus {@code test_logits}: the base's S × N_test × K logits, held while their mean is
     * adjusted, and the adjusted sample ((S + 1) × N_test × K floats) when the run predicts.
     *
     * @param base        the base's estimate
     * @param run         the run
     * @param baseSamples S, the samples the base returns at test time
     * @return the composed estimate
     */
    static Footprint footprint(Footprint base, RunShape run, int baseSamples) {
        Footprint.Builder f = Footprint.builder();
        for (Footprint.Term t : base.terms()) {
            f.add(t.name(), t.bytes(), t.lever());
        }
        if (run.testRows() > 0) {
            f.add("test_logits", Math.multiplyExact(4L, ((long) baseSamples + 1) * run.testRows() * run.classes()),
                    "the base's test samples S");
        }
        return f.build();
    }

    /**
     * @return a fit whose predictive is an {@link AdjustedPredictive} over the base's, with the base's
     *     {@code testSamples} (asked of the base) and history, no variants, sweeps or point network (the adjusted
     *     predictive is not a network's softmax), and extras {@code tau}, {@code adjusted} ({@code logits} or
     *     {@code log_mean_predictive}) and {@code logit_offsets} (class name → δ_c = τ·ln(n_c/n_max))
     */
    @Override
    protected FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation, TrainingListener listener,
                                  Rng rng) {
        ClassPriors priors = ClassPriors.of(train);
        double[] offsets = priors.logPriorOffsets(tau, NAME);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("tau", tau);
        extras.put("adjusted", baseFit.predictive().stochastic() ? "log_mean_predictive" : "logits");
        extras.put("logit_offsets", priors.byName(offsets));
        return new FitResult(new AdjustedPredictive(baseFit.predictive(), offsets), baseFit.testSamples(),
                baseFit.history(), Map.of(), extras);
    }
}
