package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;

/**
 * Base of every composed method: the base's trainer as an OLCUT {@code @Config} field, so the Tribuo provenance
 * holds it the way Tribuo's own ensembles hold their inner trainer. {@link #fit} and Tribuo's {@code train} fit the
 * base (its next invocation) and then this method on this trainer's next invocation stream; {@link #fitOn} does the
 * second step alone on a base fit the caller already has. Both give the same numbers for the same seeds.
 */
public abstract class AbstractComposedTrainer extends SeededTrainer implements ComposedTrainer {
    @Config(mandatory = true, description = "the method this one builds on")
    protected UncertaintyTrainer base;

    /** For OLCUT. */
    protected AbstractComposedTrainer() {
    }

    /**
     * @param seed seed of this method's own draws
     * @param base the base's trainer
     */
    protected AbstractComposedTrainer(long seed, UncertaintyTrainer base) {
        super(seed);
        this.base = base;
    }

    /** Refuses a configuration without a base, then checks the hyperparameters ({@link SeededTrainer#postConfig}). */
    @Override
    public void postConfig() {
        if (base == null) {
            throw new PropertyException("", "base", "method '" + methodName() + "' builds on another method: it needs a base trainer");
        }
        super.postConfig();
    }

    @Override
    public UncertaintyTrainer base() {
        return base;
    }

    /** Positions the base too: invocation i of this method is the base's invocation i, then this method's step i. */
    @Override
    public synchronized void setInvocationCount(int count) {
        super.setInvocationCount(count);
        base.setInvocationCount(count);
    }

    /**
     * This method's step on a fit of its base.
     *
     * @param baseFit    the base's fit on the same data
     * @param train      training data
     * @param validation validation data or null
     * @param listener   progress
     * @param rng        this invocation's stream
     * @return the fit
     */
    protected abstract FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation,
                                           TrainingListener listener, Rng rng);

    @Override
    protected final FitResult fitWith(DenseData train, DenseData validation, TrainingListener listener, Rng rng) {
        return fitOnBase(base.fit(train, validation, listener), train, validation, listener, rng);
    }

    @Override
    public final FitResult fitOn(FitResult baseFit, DenseData train, DenseData validation, TrainingListener listener) {
        return fitOnBase(baseFit, train, validation, listener, nextStream());
    }
}
