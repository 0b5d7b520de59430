package dev.credence.methods.temperature;

import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;


/**
 * Registers temperature scaling as method "temperature-scaling", built on any base method. Hyperparameters:
 * {@code scaling} ("temperature" or "vector") and {@code balanced} (fit on the class-balanced validation NLL).
 */
public final class TemperatureScalingProvider implements ComposedMethodProvider {
    /** Registry name. */
    public static final String NAME = TemperatureScalingTrainer.NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "post-hoc temperature scaling (Guo et al. 2017) of a base method: fits one temperature T (scaling "
                + "'vector': a temperature and a bias per class) minimising the validation NLL, logits z → z/T, the "
                + "base's weights unchanged; for a sampled base every sample's logits are scaled before the softmaxes "
                + "are averaged. When the validation NLL has no interior minimum (the base gets the whole split right, so it "
                + "falls as T -> 0) the base is kept unscaled and the result says so. Needs a validation split "
                + "('validation_fraction' > 0)";
    }

    @Override
    public Class<TemperatureScalingTrainer> trainerClass() {
        return TemperatureScalingTrainer.class;
    }


    @Override
    public ComposedTrainer create(ResolvedParams params, long seed, UncertaintyTrainer base) {
        return new TemperatureScalingTrainer(params, seed, base);
    }

    /**
     * The base's estimate plus this method's ({@link TemperatureScalingTrainer#footprint}); refuses a run without
     * validation rows. The base's sample counts are not known here, so S_val and S_test are taken as
     * {@code run.testSamples()}: exact when the suite does not override S (the run's S is then the base's own), a
     * stand-in for S_val when it does. The trainer's {@link TemperatureScalingTrainer#preflight(RunShape)} knows the
     * base's counts, and also refuses vector scaling on a sampled base.
     */
    @Override
    public Footprint preflight(ResolvedParams params, RunShape run, Footprint base) {
        return TemperatureScalingTrainer.footprint(base, run, HyperParameterFields.holding(TemperatureScalingTrainer.class, params).scaling(),
                run.testSamples(), run.testSamples());
    }

    /** @return {@code base}: the scaled predictive returns the base's samples */
    @Override
    public int predictiveSamples(ResolvedParams params, Integer requested, int base) {
        return base;
    }
}
