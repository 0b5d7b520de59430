package dev.credence.methods.hmc;

import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;
import java.util.Map;

/**
 * Registers full-batch HMC as method "hmc". It takes the network's shape, loss and {@code batch_size} (the chunk of
 * its full-batch gradient) but no {@code epochs}, optimizer or learning rate.
 */
public final class HmcProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "hmc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "full-batch HMC (Neal 2011) on U(θ) = N·mean CE(all training rows) + ‖θ‖²/(2σ²): leapfrog trajectories "
                + "of L steps (or time λ = L·ε), a Metropolis test on H = U + ½‖r‖², fresh N(0, I) momenta; warm-up "
                + "adapts ε by dual averaging towards target_accept (Hoffman & Gelman 2014); C chains keep S thinned "
                + "states each and the predictive averages all C·S; records acceptance, |ΔH|, and split R̂ and ESS of the "
                + "validation (else training) log-likelihood. batch_size is the chunk of the full-batch gradient. Refuses "
                + "networks over " + HmcTrainer.MAX_PARAMETERS + " parameters or an estimated cost over "
                + (long) HmcTrainer.MAX_GFLOP + " GFLOP. Memory: C × S × parameters × 4 bytes. MLPs only: a convolutional "
                + "architecture is refused in the preflight (full-batch trajectories over image data exceed the scale HMC "
                + "is offered for, and its energy and cost estimate are written for dense layers)";
    }

    /** @return the fit's full-batch gradients, C × (iterations × L + 1): each is one pass over the training data */
    @Override
    public double trainingPasses(ResolvedParams params) {
        return dev.credence.core.spi.HyperParameterFields.holding(HmcTrainer.class, params).fullBatchGradients();
    }

    @Override
    public Class<HmcTrainer> trainerClass() {
        return HmcTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new HmcTrainer(params, seed);
    }

    /** @return 2 chains of 60 warm-up iterations and 8 states, thinning 2, L = 15, on a 16-unit network */
    @Override
    public Map<String, Object> smallProblemParams() {
        return Map.of("hidden", List.of(16), "batch_size", 256, "warmup", 60, "samples", 8, "thinning", 2,
                "leapfrog_steps", 15, "chains", 2);
    }
}
