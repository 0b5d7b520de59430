package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every Credence trainer: the seed as an OLCUT {@code @Config} field, a seeded stream split once per
 * invocation (Tribuo's reproducibility pattern: invocation i of a fresh trainer with the same seed draws the same
 * numbers), the Tribuo {@code train} path and the dense {@code fit} path. A trainer implements {@link #fitWith}.
 */
public abstract class SeededTrainer implements UncertaintyTrainer {
    /** The configurable field of a Tribuo-path validation hold-out, in the trainers that declare one. */
    protected static final String HOLD_OUT_FIELD = "hold_out_fraction";

    @Config(description = "seed of every random draw")
    protected long seed = DEFAULT_SEED;

    private Rng rng;
    private int invocationCount;

    /** For OLCUT. */
    protected SeededTrainer() {
    }

    /** @param seed seed */
    protected SeededTrainer(long seed) {
        this.seed = seed;
    }

    /**
     * Checks every hyperparameter field against its declared range ({@link dev.credence.core.spi.Hyper}), then
     * {@link #ruleProblem}; a subclass that derives state from its fields overrides this, calls it first and derives
     * afterwards.
     *
     * @throws PropertyException for values OLCUT set from a configuration, with the message a suite would get
     */
    @Override
    public void postConfig() {
        double holdOut = validationHoldOut();
        if (!(holdOut >= 0 && holdOut < 1)) {
            throw new PropertyException("", HOLD_OUT_FIELD, "method '" + methodName()
                    + "': " + HOLD_OUT_FIELD + " must be in (0, 1), got " + holdOut);
        }
        String problem = problem();
        if (problem != null) {
            throw new PropertyException("", methodName(), "method '" + methodName() + "': " + problem);
        }
        this.rng = new Rng(seed);
    }

    /**
     * @return what is wrong across this trainer's values, the rules a range cannot state (e.g. two settings that
     *     cannot be combined), naming the hyperparameters as a suite writes them; or null
     */
    protected String ruleProblem() {
        return null;
    }

    private String problem() {
        String range = HyperParameterFields.problem(this);
        return range != null ? range : ruleProblem();
    }

    /**
     * Sets the hyperparameter fields from validated values and runs {@link #postConfig}: what the most derived
     * constructor calls last (after the field initialisers of every class have run).
     *
     * @param params values validated against the method's {@link HyperParameterFields#of hyperparameters}
     * @throws CredenceInputException when {@link #ruleProblem} finds the combination invalid
     */
    protected final void configure(ResolvedParams params) {
        HyperParameterFields.assign(this, params);
        String problem = problem();
        if (problem != null) {
            throw new CredenceInputException("method '" + params.method() + "': " + problem);
        }
        postConfig();
    }

    /**
     * The method's fit on a dense table.
     *
     * @param train      training data
     * @param validation validation data or null
     * @param listener   progress
     * @param rng        this invocation's stream
     * @return the fit
     */
    protected abstract FitResult fitWith(DenseData train, DenseData validation, TrainingListener listener, Rng rng);

    /** The fit's own preflight on its data (the rules, and the estimate against the whole heap). */
    private void preflightFit(DenseData train, DenseData validation) {
        preflight(RunShape.ofTraining(train, validation))
                .requireWithin(Runtime.getRuntime().maxMemory(), "method '" + methodName() + "'");
    }

    @Override
    public final FitResult fit(DenseData train, DenseData validation, TrainingListener listener) {
        preflightFit(train, validation);
        return fitWith(train, validation, listener, nextInvocation().rng());
    }

    /**
     * The Tribuo path: the dataset as a dense table, fitted on this trainer's next invocation. When the settings need a
     * validation set ({@link #validationHoldOut} &gt; 0), the call holds it out of the dataset first
     * ({@link ValidationHoldOut}: that fraction of each class, placed by the invocation's stream before the fit draws
     * anything) and fits on the rest; a split with no held-out row is refused before the call takes an invocation.
     */
    @Override
    public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        DenseData data = TribuoDense.toDense(examples);
        double fraction = validationHoldOut();
        if (fraction <= 0) {
            preflightFit(data, null);
            Invocation call = nextInvocation();
            FitResult fit = fitWith(data, null, TrainingListener.NONE, call.rng());
            return model(examples, runProvenance, call.provenance(), fit);
        }
        ValidationHoldOut holdOut = ValidationHoldOut.plan(data, fraction, methodName(), validationPurpose());
        preflight(holdOut.shape()).requireWithin(Runtime.getRuntime().maxMemory(), "method '" + methodName() + "'");
        Invocation call = nextInvocation();
        Rng rng = call.rng();
        ValidationHoldOut.Split split = holdOut.split(rng.split());
        FitResult fit = fitWith(split.train(), split.validation(), TrainingListener.NONE, rng);
        return model(examples, runProvenance, call.provenance(), fit);
    }

    /**
     * @return the fraction of each class a {@link #train(Dataset, Map)} call holds out as the validation set, because
     *     these settings choose something on validation data (SGLD's step size among several, Laplace's λ by
     *     validation, temperature scaling); 0 (the default) when they need none
     */
    protected double validationHoldOut() {
        return 0;
    }

    /** @return what the held-out rows are for, as the refusal of a too-small dataset says it (e.g. "to fit the scaling on") */
    protected String validationPurpose() {
        return "as the validation set";
    }

    /**
     * The model of a Tribuo {@code train} call: the fit under Tribuo's provenance of the call (the dataset's own
     * provenance, the trainer's at the invocation, and the run provenance), with the dataset's feature and label ids.
     *
     * @param examples      the dataset trained on
     * @param runProvenance the caller's run provenance
     * @param trainer       the trainer's provenance taken when the invocation began
     * @param fit           the fit
     * @return the model
     */
    protected final Model<Label> model(Dataset<Label> examples, Map<String, Provenance> runProvenance,
                                       TrainerProvenance trainer, FitResult fit) {
        ModelProvenance provenance = new ModelProvenance(CredenceModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainer, runProvenance);
        return CredenceModel.ofTribuoIds(methodName(), provenance, examples.getFeatureIDMap(), examples.getOutputIDInfo(), fit);
    }

    /** A stream split and the provenance that reproduces it. */
    private record Invocation(Rng rng, TrainerProvenance provenance) {
    }

    /** @return the next invocation's stream (for a composed trainer's own step after its base's fit) */
    protected final Rng nextStream() {
        return nextInvocation().rng();
    }

    private synchronized Invocation nextInvocation() {
        if (rng == null) {
            postConfig();
        }
        TrainerProvenance provenance = getProvenance();
        Rng local = rng.split();
        invocationCount++;
        return new Invocation(local, provenance);
    }

    @Override
    public synchronized int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("invocation count must be ≥ 0, got " + count);
        }
        rng = new Rng(seed);
        for (int i = 0; i < count; i++) {
            rng.split();
        }
        invocationCount = count;
    }

    /**
     * Tribuo's provenance of this trainer, listing only the settings that apply to its values
     * ({@link #settingApplies}); a trainer rebuilt from it (OLCUT's {@code ProvenanceUtil}) takes the defaults of the
     * others, which change nothing it computes.
     */
    @Override
    public TrainerProvenance getProvenance() {
        TrainerProvenance full = new TrainerProvenanceImpl(this);
        Map<String, Provenance> kept = new LinkedHashMap<>();
        for (Pair<String, Provenance> entry : full) {
            boolean configured = full.getConfiguredParameters().containsKey(entry.getA());
            if (!configured || settingApplies(entry.getA())) {
                kept.put(entry.getA(), entry.getB());
            }
        }
        return new TrainerProvenanceImpl(kept);
    }

    /**
     * @param field a configurable field's name, as the provenance lists it
     * @return whether that setting takes part in what this trainer computes with its current values; the hold-out
     *     fraction applies only when {@link #validationHoldOut} is positive, and a subclass removes its own settings
     *     that its other values switch off (calling this for the rest)
     */
    protected boolean settingApplies(String field) {
        return !HOLD_OUT_FIELD.equals(field) || validationHoldOut() > 0;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + getProvenance() + ")";
    }
}
