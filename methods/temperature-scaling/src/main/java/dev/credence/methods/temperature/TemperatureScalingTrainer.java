package dev.credence.methods.temperature;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.engine.Buffers;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractComposedTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;
import org.ejml.data.FMatrixRMaj;
import org.tribuo.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Temperature or vector scaling (Guo et al. 2017) of a base method's fit, method "temperature-scaling". The fit
 * samples the base predictive's logits on the validation set with the base fit's own {@code testSamples()}, fits the
 * {@link Scaling} on them under the configured {@link ExampleWeighting} (one logit sample: the point objective; more:
 * the sampled one, every sample scaled before the average), and returns a {@link ScaledPredictive} over the base's
 * predictive. The base's weights are not touched and no epoch is trained, so the fit's history is the base's; the
 * fitted values go to the extras ({@link #fitOnBase}). The fit draws nothing: the seed only places the hold-out of
 * the Tribuo path ({@link #train(Dataset, Map)}).
 *
 * <p>Needs validation rows: a fit without them, and vector scaling on a base whose fit has more than one sample,
 * are refused with a {@link CredenceInputException} naming the method and what to change.
 */
public final class TemperatureScalingTrainer extends AbstractComposedTrainer {
    /** Registry name. */
    public static final String NAME = "temperature-scaling";

    /** What is fitted to the logits. */
    public enum Scaling {
        /** One temperature for every logit, z/T ({@link TemperatureScaling}); takes point and sampled bases. */
        temperature,
        /** One temperature per class and a bias, w_c z_c + b_c ({@link VectorScaling}); point bases only. */
        vector;

        CalibrationFit<? extends LogitScaling> fit(CalibrationSet set) {
            return switch (this) {
                case temperature -> TemperatureScaling.fit(set);
                case vector -> VectorScaling.fit(set);
            };
        }
    }

    @Hyper
    @Config(description = "temperature: one T for every logit, z/T; vector: one temperature per class plus a bias, "
            + "w_c·z_c + b_c (Guo et al. 2017), for a base with one sample only")
    private Scaling scaling = Scaling.temperature;
    @Hyper
    @Config(description = "fit on a class-balanced weighting of the validation NLL (every class present weighs the same) "
            + "instead of the plain mean")
    private boolean balanced = false;
    @Config(description = SharedHyperParameters.HOLD_OUT_DESCRIPTION + "; the scaling is fitted on it")
    private double hold_out_fraction = SharedHyperParameters.HOLD_OUT_FRACTION;

    /** For OLCUT. */
    private TemperatureScalingTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link TemperatureScalingProvider})
     * @param seed   seed of the Tribuo path's hold-out; the dense fit draws nothing
     * @param base   the base method's trainer (fitted by {@link #fit}; {@link #fitOn} takes a fit of it)
     */
    public TemperatureScalingTrainer(ResolvedParams params, long seed, UncertaintyTrainer base) {
        super(seed, Objects.requireNonNull(base, "base"));
        configure(params);
    }

    @Override
    public void postConfig() {
        if (!(hold_out_fraction > 0)) {
            throw new PropertyException("", "hold_out_fraction", "hold_out_fraction must be in (0, 1), got " + hold_out_fraction);
        }
        super.postConfig();
    }

    @Override
    public String methodName() {
        return NAME;
    }

    /** @return the kind of scaling fitted */
    public Scaling scaling() {
        return scaling;
    }

    /** @return the weighting of the validation NLL */
    public ExampleWeighting weighting() {
        return balanced ? ExampleWeighting.BALANCED : ExampleWeighting.UNIFORM;
    }

    /** @return the base's: the scaled predictive returns the base's samples */
    @Override
    public int predictiveSamples(Integer requested) {
        return base.predictiveSamples(requested);
    }

    /**
     * The base's preflight and estimate plus this method's, with the base's sample counts known exactly: S_val =
     * {@code base.predictiveSamples(null)} on validation and {@code base.predictiveSamples(run.testSamples())} at test
     * time ({@link #footprint}). Refuses vector scaling on a base that gives more than one sample before the base trains.
     */
    @Override
    public Footprint preflight(RunShape run) {
        Footprint own = base.preflight(run);
        int validationSamples = base.predictiveSamples(null);
        if (scaling == Scaling.vector && validationSamples > 1) {
            throw vectorOnSampledBase(validationSamples);
        }
        return footprint(own, run, scaling, validationSamples, base.predictiveSamples(run.testSamples()));
    }

    /**
     * The method's rules and its estimate on top of its base's.
     *
     * <p>Rules: the run must have validation rows; one logit sample of the validation set (N_val × K) must fit in one
     * array; vector scaling's 2K × 2K Hessian too. Terms, each added to the base's: {@code validation_logits}, the
     * base's S_val × N_val × K validation logits and the calibration set's copy of them (2 × S_val × N_val × K
     * floats); {@code temperature_objective} for a temperature on one logit sample, the point objective's shifted
     * logits in double (N_val × K doubles); {@code vector_scaling_newton} for vector scaling, its Hessian in double and the Newton system and its
     * Cholesky factor in float ((2K)² × 16 bytes); {@code test_logits} when the run predicts, the base's
     * S_test × N_test × K test logits this predictive holds before the softmax, and one scaled sample
     * ((S_test + 1) × N_test × K floats). The probabilities the caller asks for are the caller's, as for every method.
     *
     * @param base              the base's estimate (its terms are kept as they are)
     * @param run               the run
     * @param scaling           what is fitted
     * @param validationSamples S_val, logit samples per validation example
     * @param testSamples       S_test, the samples the base returns at test time
     * @return the composed estimate
     * @throws CredenceInputException one line naming what to change
     */
    static Footprint footprint(Footprint base, RunShape run, Scaling scaling, int validationSamples, int testSamples) {
        if (run.validationRows() == 0) {
            throw noValidation();
        }
        int k = run.classes();
        long validationSample = (long) run.validationRows() * k;
        if (validationSample > Buffers.MAX_ARRAY_LENGTH) {
            throw new CredenceInputException(String.format(Locale.ROOT, "method '%s': one sample of the validation logits "
                    + "would be %,d × %,d elements, more than one Java array holds (%,d); lower the dataset's "
                    + "'validation_fraction'", NAME, run.validationRows(), k, Buffers.MAX_ARRAY_LENGTH));
        }
        long dim = 2L * k;
        if (scaling == Scaling.vector && dim * dim > Buffers.MAX_ARRAY_LENGTH) {
            throw new CredenceInputException(String.format(Locale.ROOT, "method '%s': vector scaling's Hessian would be "
                    + "%,d × %,d elements for %,d classes, more than one Java array holds; use scaling 'temperature'",
                    NAME, dim, dim, k));
        }
        Footprint.Builder f = Footprint.builder();
        for (Footprint.Term t : base.terms()) {
            f.add(t.name(), t.bytes(), t.lever());
        }
        f.add("validation_logits", floatBytes(2L * validationSamples * validationSample),
                "the dataset's 'validation_fraction' or the base's samples");
        if (scaling == Scaling.temperature && validationSamples == 1) {
            f.add("temperature_objective", Math.multiplyExact(8L, validationSample), "the dataset's 'validation_fraction'");
        }
        if (scaling == Scaling.vector) {
            f.add("vector_scaling_newton", Math.multiplyExact(16L, dim * dim), "'scaling' (use 'temperature')");
        }
        if (run.testRows() > 0) {
            f.add("test_logits", floatBytes(((long) testSamples + 1) * run.testRows() * k), "the test samples S");
        }
        return f.build();
    }

    private static long floatBytes(long floats) {
        return Math.multiplyExact(4L, floats);
    }

    static CredenceInputException noValidation() {
        return new CredenceInputException("method '" + NAME + "' fits its scaling on the validation split, but this run "
                + "has none: give the dataset a 'validation_fraction' > 0");
    }

    private CredenceInputException vectorOnSampledBase(int samples) {
        return new CredenceInputException("method '" + NAME + "': scaling 'vector' fits the logits of a point "
                + "predictive, but the base '" + base.methodName() + "' gives " + samples + " samples per example; "
                + "use scaling 'temperature', which scales every sample before the average");
    }

    /**
     * Fits the scaling on the base fit's validation logits.
     *
     * @return a fit whose predictive is a {@link ScaledPredictive} over the base's; with the base's
     *     {@code testSamples} and history (the scaling trains no epoch), no variants (the scaling is fitted to the
     *     base's headline predictive: applying it to a variant, e.g. a pruned network, would use a temperature fitted
     *     to another predictive, and fitting one per variant is another method; the base's variants are scored in
     *     the base's own run), no point network (the scaled predictive is not its network's softmax), and extras
     *     {@code scaling}, {@code balanced}, {@code validation_samples}, {@code temperature} or {@code weights} and
     *     {@code biases}, {@code validation_nll_before} and {@code validation_nll_after} (the weighted NLL, before
     *     and after scaling), {@code converged} and {@code evaluations} ({@link CalibrationFit}). A fit that did not
     *     converge (its optimum at a bound of the range: typically a validation split the base already gets all
     *     right) is not applied: the base stays unscaled, and {@code fallback} and the {@code fitted_} values say so
     * @throws CredenceInputException without validation rows, or for vector scaling on a sampled base
     */
    @Override
    protected FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation, TrainingListener listener,
                                  Rng rng) {
        if (validation == null || validation.size() == 0) {
            throw noValidation();
        }
        LogitSamples z = baseFit.predictive().sampleLogits(validation.x(), baseFit.testSamples());
        int samples = z.sampleCount();
        if (scaling == Scaling.vector && samples > 1) {
            throw vectorOnSampledBase(samples);
        }
        double[] weights = weighting().weights(validation.y());
        CalibrationSet set;
        if (samples == 1) {
            set = CalibrationSet.point(z.sample(0), validation.y(), weights);
        } else {
            List<FMatrixRMaj> logits = new ArrayList<>(samples);
            for (int s = 0; s < samples; s++) {
                logits.add(z.sample(s));
            }
            set = CalibrationSet.sampled(logits, validation.y(), weights);
        }
        CalibrationFit<? extends LogitScaling> fit = scaling.fit(set);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("scaling", HyperParameterFields.choiceName(scaling));
        extras.put("balanced", balanced);
        extras.put("validation_samples", samples);
        putScaling(extras, "", fit.scaling());
        extras.put("validation_nll_before", fit.identityNll());
        extras.put("validation_nll_after", fit.nll());
        extras.put("converged", fit.converged());
        extras.put("evaluations", fit.evaluations());
        LogitScaling applied = fit.scaling();
        if (!interior(fit)) {
            // no interior minimum: on a validation split the base already classifies with margin, the NLL keeps
            // falling as T → 0, and the bound it stops at would make every test prediction near-certain
            applied = scaling == Scaling.temperature ? new TemperatureScaling(1.0) : VectorScaling.identity(set.numClasses());
            putScaling(extras, "fitted_", fit.scaling());
            putScaling(extras, "", applied);
            extras.put("fallback", FALLBACK);
        }
        return new FitResult(new ScaledPredictive(baseFit.predictive(), applied), baseFit.testSamples(),
                baseFit.history(), Map.of(), extras);
    }

    /** Why a fit that did not converge is not applied. */
    static final String FALLBACK = "the validation NLL has no interior minimum (the fit stopped at a bound, e.g. every"
            + " validation example already right so the NLL falls as T -> 0): the base is kept unscaled";

    /** A validation NLL this small means the fit is making the split certain: its minimum lies at infinity. */
    static final double DEGENERATE_NLL = 1e-9;

    /**
     * @return whether a fit found an interior minimum: it converged, its validation NLL is not numerically zero (a
     *     vector fit on a split it already gets right "converges" once the NLL underflows, with weights on their way to
     *     infinity), and every inverse temperature lies inside the range a temperature is searched in
     */
    private static boolean interior(CalibrationFit<? extends LogitScaling> fit) {
        if (!fit.converged() || fit.nll() <= DEGENERATE_NLL) {
            return false;
        }
        if (fit.scaling() instanceof VectorScaling v) {
            for (double w : v.weights()) {
                if (!(w >= 1 / TemperatureScaling.MAX_TEMPERATURE && w <= 1 / TemperatureScaling.MIN_TEMPERATURE)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void putScaling(Map<String, Object> extras, String prefix, LogitScaling s) {
        if (s instanceof TemperatureScaling t) {
            extras.put(prefix + "temperature", t.temperature());
        } else if (s instanceof VectorScaling v) {
            extras.put(prefix + "weights", boxed(v.weights()));
            extras.put(prefix + "biases", boxed(v.biases()));
        }
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * @return {@code hold_out_fraction}: Tribuo gives no validation split, so a {@code train(Dataset)} call holds it out
     *     of each class ({@link dev.credence.core.tribuo.ValidationHoldOut}); the base's next invocation fits on the
     *     rest with the hold-out as its validation set, and the scaling is fitted on the hold-out, as {@link #fitOn}
     *     would on those two tables
     */
    @Override
    protected double validationHoldOut() {
        return hold_out_fraction;
    }

    @Override
    protected String validationPurpose() {
        return "to fit the scaling on";
    }
}
