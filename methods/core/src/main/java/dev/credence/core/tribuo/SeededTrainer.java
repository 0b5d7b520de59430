package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
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
import java.util.Map;

/**
 * Base of every Credence trainer: the seed as an OLCUT {@code @Config} field, a seeded stream split once per
 * invocation (Tribuo's reproducibility pattern: invocation i of a fresh trainer with the same seed draws the same
 * numbers), the Tribuo {@code train} path and the dense {@code fit} path. A trainer implements {@link #fitWith}.
 */
public abstract class SeededTrainer implements UncertaintyTrainer {
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

    @Override
    public void postConfig() {
        this.rng = new Rng(seed);
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

    @Override
    public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        DenseData data = TribuoDense.toDense(examples);
        preflightFit(data, null);
        Invocation call = nextInvocation();
        FitResult fit = fitWith(data, null, TrainingListener.NONE, call.rng());
        ModelProvenance provenance = new ModelProvenance(CredenceModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), call.provenance(), runProvenance);
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

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
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
