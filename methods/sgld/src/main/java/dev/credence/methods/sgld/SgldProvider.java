package dev.credence.methods.sgld;

import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.tribuo.NetworkHyperParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Registers SGLD as method "sgld". It takes the shared network hyperparameters except optimizer, learning_rate and
 * momentum (its integrator and step sizes replace them, so giving them is an error rather than a silent no-op).
 */
public final class SgldProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "sgld";
    /** Shared hyperparameters that SGLD has no use for. */
    static final Set<String> UNUSED_COMMON = Set.of("optimizer", "learning_rate", "momentum");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SGLD (Welling & Teh 2011): a Langevin chain on U(θ) = N·mean CE + ‖θ‖²/(2σ²), optionally RMSprop-"
                + "preconditioned (Li et al. 2016); keeps S thinned samples after burn-in and predicts with their average. "
                + "Memory: S × parameters × 4 bytes (twice that while comparing step sizes)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        List<HyperParameter> all = new ArrayList<>();
        for (HyperParameter h : NetworkHyperParameters.common()) {
            if (!UNUSED_COMMON.contains(h.name())) {
                all.add(h);
            }
        }
        all.addAll(List.of(
                HyperParameter.integer("burn_in_epochs", 10, 0, 100000, "epochs before the first kept sample (must be < epochs)"),
                HyperParameter.integer("samples", 32, 1, 1000000, "S, parameter samples kept, evenly spaced after burn-in"),
                HyperParameter.real("prior_sigma", 1.0, 1e-6, 1e6, "σ of the N(0, σ²) prior on every weight and bias"),
                HyperParameter.realList("step_sizes", List.of(1e-5, 3e-5, 1e-4), 1e-15, 10,
                        "ε candidates; with several and a validation set, the lowest validation NLL wins"),
                HyperParameter.choice("schedule", "constant", List.of("constant", "polynomial"),
                        "constant ε, or ε_t = ε·(1 + t/b)^(−γ) = a(b+t)^(−γ) with a = ε·b^γ"),
                HyperParameter.real("schedule_b", 1000, 1, 1e12, "b of the polynomial schedule (updates)"),
                HyperParameter.real("schedule_gamma", 0.55, 0.5, 1, "γ of the polynomial schedule, in (0.5, 1]"),
                HyperParameter.real("temperature", 1.0, 0, 100, "T: noise N(0, T·ε); samples ∝ exp(−U/T)"),
                HyperParameter.bool("preconditioned", false, "RMSprop-preconditioned SGLD (Li et al. 2016, without the Γ term)"),
                HyperParameter.real("rmsprop_alpha", 0.99, 0, 0.999999, "α of V ← αV + (1−α)ḡ²"),
                HyperParameter.real("rmsprop_lambda", 1e-5, 1e-12, 1, "λ of G = 1/(λ + √V)")));
        return List.copyOf(all);
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
