package dev.credence.methods.laplace;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.PointNetwork;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractComposedTrainer;
import dev.credence.core.tribuo.SharedHyperParameters;
import org.ejml.data.FMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Last-layer Laplace (Daxberger et al. 2021) on a base's point network, method "laplace": the penultimate features
 * Φ of the training set through the base's trained network, the GGN of the training cross-entropy with respect to the
 * last layer in the configured {@link Structure}, the prior precision λ by the Laplace evidence or a validation grid
 * ({@link LogGrid#DEFAULT}), and a {@link LaplacePredictive} (probit or Monte Carlo). No network is trained: the fit's
 * history is the base's. The fit draws one seed (the Monte Carlo predictive's) from this invocation's stream.
 */
public final class LaplaceTrainer extends AbstractComposedTrainer {
    /** Registry name. */
    public static final String NAME = "laplace";
    /** What it does with its base's point network, for the refusals ({@link PointNetwork#refusal}). */
    static final String USES_POINT_NETWORK = "fits a Gaussian over the last layer of";

    /**
     * The GGN structure as a configuration value: a plain enum, since OLCUT cannot read back a {@link Structure}
     * from a provenance (its constants have bodies, so they are subclasses of the enum).
     */
    public enum Hessian {
        /** {@link Structure#FULL} */
        full(Structure.FULL),
        /** {@link Structure#KRON} */
        kron(Structure.KRON),
        /** {@link Structure#DIAG} */
        diag(Structure.DIAG);

        private final Structure structure;

        Hessian(Structure structure) {
            this.structure = structure;
        }

        /** @return the structure */
        public Structure structure() {
            return structure;
        }

    }

    /** How λ is chosen. */
    public enum PriorRule {
        /** Maximise the Laplace evidence (marginal likelihood) over λ. */
        marglik,
        /** Minimise the probit predictive's validation NLL over {@link LogGrid#DEFAULT}. */
        validation;

    }

    /** How the predictive integrates the posterior. */
    public enum PredictiveRule {
        /** The extended probit approximation: one deterministic sample. */
        probit,
        /** S last layers drawn from the posterior. */
        mc;

    }

    @Hyper
    @Config(description = "structure of the last layer's GGN: kron (Kronecker factors, the Laplace library's default and "
            + "fast at the default network's 4 010 last-layer parameters), full (dense) or diag")
    private Hessian hessian = Hessian.kron;
    @Hyper
    @Config(description = "how λ is chosen: marglik maximises the Laplace evidence; validation minimises the probit "
            + "validation NLL over 100 values from 1e-4 to 1e4 (needs 'validation_fraction' > 0)")
    private PriorRule prior_precision = PriorRule.marglik;
    @Config(description = SharedHyperParameters.HOLD_OUT_DESCRIPTION + "; used by prior_precision validation")
    private double hold_out_fraction = SharedHyperParameters.HOLD_OUT_FRACTION;
    @Hyper
    @Config(description = "probit: the extended probit approximation, one deterministic sample; mc: S last layers drawn "
            + "from the posterior")
    private PredictiveRule predictive = PredictiveRule.probit;
    @Hyper(min = 1, max = SharedHyperParameters.TEST_SAMPLES_MAX)
    @Config(description = "S, last layers drawn by the mc predictive")
    private int test_samples = SharedHyperParameters.TEST_SAMPLES;

    /** For OLCUT. */
    private LaplaceTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link LaplaceProvider})
     * @param seed   seed of the Monte Carlo predictive's draws
     * @param base   the base's trainer (its fits must carry a point network)
     */
    public LaplaceTrainer(ResolvedParams params, long seed, UncertaintyTrainer base) {
        super(seed, Objects.requireNonNull(base, "base"));
        configure(params);
    }

    /** @return false for {@code test_samples} under the probit predictive, which draws none */
    @Override
    protected boolean settingApplies(String field) {
        return !(field.equals("test_samples") && predictive == PredictiveRule.probit) && super.settingApplies(field);
    }

    @Override
    public String methodName() {
        return NAME;
    }

    /** @return for λ by validation, {@code hold_out_fraction}: the Tribuo path holds it out to choose λ on */
    @Override
    protected double validationHoldOut() {
        return prior_precision == PriorRule.validation ? hold_out_fraction : 0;
    }

    @Override
    protected String validationPurpose() {
        return "to choose the prior precision on";
    }

    /** @return the GGN structure */
    public Structure hessian() {
        return hessian.structure();
    }

    /** @return 1 for probit; for Monte Carlo the request, or {@code test_samples} when it is null */
    @Override
    public int predictiveSamples(Integer requested) {
        return samplesReturned(predictive, test_samples, requested);
    }

    /**
     * @param run the run's data shape
     * @param base the base's estimate on it
     * @return the estimate on top of the base's, for a provider that has the base's estimate but not its trainer
     */
    Footprint footprintOn(RunShape run, Footprint base) {
        return footprint(base, run, hessian.structure(), prior_precision, predictive, predictiveSamples(run.testSamples()));
    }

    static int samplesReturned(PredictiveRule predictive, int test_samples, Integer requested) {
        if (predictive == PredictiveRule.probit) {
            return 1;
        }
        return requested == null ? test_samples : Math.max(1, requested);
    }

    /** @return the base's preflight and estimate plus this method's ({@link #footprint}) */
    @Override
    public Footprint preflight(RunShape run) {
        return footprintOn(run, base.preflight(run));
    }

    /**
     * The method's rule and its estimate on top of its base's.
     *
     * <p>Rule: {@link PriorRule#VALIDATION} needs validation rows.
     *
     * <p>H, the base network's last hidden width, is not a term of the base's footprint, so an upper bound of it is
     * read back from the base's terms: the smaller of (P − K)/K, with P the base's {@link Footprint#PARAMETERS} / 4
     * (the last layer alone has (H + 1)·K scalars), and Σh, the sum of the hidden widths, from its
     * {@link Footprint#ACTIVATION_GRADIENTS} term (B·2·Σh floats for a dense network) and its minibatch rows B
     * (read back from {@link Footprint#MINIBATCH}, 4·(B·(D + 1 + K) + N) bytes). Σh is H exactly for one hidden layer
     * and twice H for two equal ones; for a base that gives neither term H is unknown and only the base's terms are
     * returned. Terms, each counted alive at once:
     * <ul>
     *   <li>{@code laplace_features}: Φ of the training set, N × H floats, and for the validation rule Φ_val</li>
     *   <li>{@code laplace_curvature}: {@link Structure#bytes}(H, K): curvature, posterior and their work arrays</li>
     *   <li>{@code laplace_validation_grid}: for the validation rule, one grid point's logit moments of the
     *   validation set (N_val·K(K + 1) doubles) and its scaled logits (N_val·K doubles)</li>
     *   <li>{@code laplace_test_features}: when the run predicts, Φ of the test set (N_test × H floats)</li>
     *   <li>{@code laplace_predictive}: when the run predicts; probit: the logit moments and scaled logits of the test
     *   set in double and the float logits (N_test·K(K + 2) doubles + N_test·K floats); Monte Carlo: the S × N_test × K
     *   float logits, the S × P deviations and the H × SK sampled weights. The probabilities the caller asks for
     *   (S × N × K) are the caller's, as for every method</li>
     * </ul>
     *
     * @param base        the base's estimate (its terms are kept as they are)
     * @param run         the run
     * @param hessian     GGN structure
     * @param prior       how λ is chosen
     * @param rule        probit or Monte Carlo
     * @param test_samples S the predictive returns at test time
     * @return the composed estimate
     * @throws CredenceInputException one line naming what to change
     */
    static Footprint footprint(Footprint base, RunShape run, Structure hessian, PriorRule prior, PredictiveRule rule,
                               int test_samples) {
        if (prior == PriorRule.validation && run.validationRows() == 0) {
            throw noValidation();
        }
        Footprint.Builder f = Footprint.builder();
        for (Footprint.Term t : base.terms()) {
            f.add(t.name(), t.bytes(), t.lever());
        }
        long h = hiddenBound(base, run);
        if (h <= 0) {
            return f.build();
        }
        int hidden = (int) Math.min(h, Integer.MAX_VALUE - 1);
        long k = run.classes();
        long p = k * (h + 1);
        String lever = "the base's 'hidden'";
        long featureRows = run.trainRows() + (prior == PriorRule.validation ? (long) run.validationRows() : 0);
        f.add("laplace_features", 4 * featureRows * h, lever);
        f.add("laplace_curvature", hessian.bytes(hidden, run.classes()), "'hessian' or " + lever);
        if (prior == PriorRule.validation) {
            f.add("laplace_validation_grid", 8L * run.validationRows() * k * (k + 2), "the dataset's 'validation_fraction'");
        }
        if (run.testRows() > 0) {
            long n = run.testRows();
            f.add("laplace_test_features", 4 * n * h, lever);
            long s = test_samples;
            long predictiveBytes = rule == PredictiveRule.probit ? 8 * n * k * (k + 2) + 4 * n * k
                    : 4 * (s * n * k + s * p + h * k * s + k * s);
            f.add("laplace_predictive", predictiveBytes, rule == PredictiveRule.probit ? "'predictive'" : "'test_samples'");
        }
        return f.build();
    }

    /** @return an upper bound of the base network's last hidden width from its footprint, 0 when it gives none */
    static long hiddenBound(Footprint base, RunShape run) {
        long bound = Long.MAX_VALUE;
        long k = Math.max(1, run.classes());
        long parameters = base.bytes(Footprint.PARAMETERS) / 4;
        if (parameters > k) {
            bound = (parameters - k) / k;
        }
        long batchFloats = base.bytes(Footprint.MINIBATCH) / 4 - run.trainRows();
        long perRow = run.features() + 1L + run.classes();
        long backward = base.bytes(Footprint.ACTIVATION_GRADIENTS) / 4;
        if (batchFloats > 0 && batchFloats % perRow == 0 && backward > 0) {
            long batchRows = batchFloats / perRow;
            bound = Math.min(bound, backward / (2 * batchRows));
        }
        return bound == Long.MAX_VALUE ? 0 : bound;
    }

    static CredenceInputException noValidation() {
        return new CredenceInputException("method '" + NAME + "': prior_precision 'validation' chooses λ on the "
                + "validation split, but this run has none: give the dataset a 'validation_fraction' > 0, or use "
                + "prior_precision 'marglik'");
    }

    /**
     * Fits the last-layer Laplace approximation at the base fit's point network.
     *
     * @return a fit whose predictive is a {@link LaplacePredictive}; S = 1 for probit, {@code test_samples} for
     *     Monte Carlo; the base's history (nothing is trained); no variants; no point network (the predictive is not
     *     the network's softmax); extras {@code hessian}, {@code prior_precision} (the rule), {@code lambda} (λ
     *     chosen), {@code log_evidence} (at λ, for the marglik rule only), {@code predictive} and
     *     {@code parameters} (P = K(H + 1), the last layer's)
     * @throws CredenceInputException when the base fit has no point network, or the validation rule has no
     *                                validation rows
     */
    @Override
    protected FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation, TrainingListener listener,
                                  Rng rng) {
        PointNetwork point = PointNetwork.of(baseFit, NAME, USES_POINT_NETWORK, base.methodName());
        if (prior_precision == PriorRule.validation && (validation == null || validation.size() == 0)) {
            throw noValidation();
        }
        FMatrixRMaj phi = point.features(train.x());
        LastLayer map = LastLayer.of(point.lastLayer());
        PriorPrecision prior = prior_precision == PriorRule.marglik ? new PriorPrecision.Evidence()
                : new PriorPrecision.Validation(point.features(validation.x()), validation.y(), LogGrid.DEFAULT);
        LastLayerLaplace.Fit fit = LastLayerLaplace.fit(phi, train.y(), map, hessian.structure(), prior);
        boolean mc = predictive == PredictiveRule.mc;
        LaplacePredictive laplace = new LaplacePredictive(point, fit.posterior(), mc, rng.nextSeed());
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("hessian", HyperParameterFields.choiceName(hessian));
        extras.put("prior_precision", HyperParameterFields.choiceName(prior_precision));
        extras.put("lambda", fit.priorPrecision());
        if (Double.isFinite(fit.logEvidence())) {
            extras.put("log_evidence", fit.logEvidence());
        }
        extras.put("predictive", HyperParameterFields.choiceName(predictive));
        extras.put("parameters", map.parameterCount());
        return new FitResult(laplace, mc ? test_samples : 1, baseFit.history(), Map.of(), extras);
    }
}
