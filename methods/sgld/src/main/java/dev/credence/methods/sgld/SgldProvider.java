package dev.credence.methods.sgld;

import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;

/**
 * Registers SGLD as method "sgld". It takes the network's shape and loop hyperparameters but no optimizer,
 * learning_rate or momentum (its integrator and step sizes replace them, so giving them is an error rather than a
 * silent no-op).
 */
public final class SgldProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "sgld";

    @Override
    public String name() {
        return NAME;
    }

    /** @return 2: every step-size candidate starts from one seed (revision 1 seeded each from its value) */
    @Override
    public int revision() {
        return 2;
    }

    @Override
    public String description() {
        return "SGLD (Welling & Teh 2011): a Langevin chain on U(θ) = N·mean CE + ‖θ‖²/(2σ²), optionally RMSprop-"
                + "preconditioned (Li et al. 2016), with a constant, polynomial or cyclical (cSGLD, Zhang et al. 2020) "
                + "step size; keeps S thinned samples after burn-in (cyclical: S/M in each cycle's sampling phase) and "
                + "predicts with their average. Several step_sizes run from one initialisation, data order and noise "
                + "stream; the lowest validation NLL is the row, and every candidate is scored as the step_size sweep. "
                + "Memory: S × parameters × 4 bytes per candidate";
    }

    @Override
    public Class<SgldTrainer> trainerClass() {
        return SgldTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new SgldTrainer(params, seed);
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("hidden", java.util.List.of(32, 32), "epochs", 60, "burn_in_epochs", 30, "batch_size", 32,
                "samples", 32, "step_sizes", java.util.List.of(1e-3));
    }
}
