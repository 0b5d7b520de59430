package dev.credence.methods.bbb;

import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.tribuo.NetworkHyperParameters;

import java.util.ArrayList;
import java.util.List;

/** Registers Bayes by Backprop as method "bbb". */
public final class BbbProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "bbb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bayes by Backprop (Blundell et al. 2015): mean-field Gaussian posterior over every weight and bias, "
                + "trained on mean CE + KL/N; S sampled networks at test time; twice the MAP parameter memory";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return NetworkHyperParameters.with(specific().toArray(new HyperParameter[0]));
    }

    /** @return the hyperparameters BBB adds to the common ones (reused by methods built on BBB) */
    public static List<HyperParameter> specific() {
        List<HyperParameter> list = new ArrayList<>();
        list.add(HyperParameter.choice("prior", "gaussian", List.of("gaussian", "scale_mixture"),
                "weight prior: N(0, prior_sigma²) or π·N(0, σ₁²) + (1−π)·N(0, σ₂²)"));
        list.add(HyperParameter.real("prior_sigma", 1.0, 1e-6, 1e3, "σ_p of the Gaussian prior"));
        list.add(HyperParameter.real("mixture_pi", 0.5, 0, 1, "π, weight of the wide component of the scale mixture"));
        list.add(HyperParameter.real("mixture_sigma1", 1.0, 1e-6, 1e3, "σ₁ of the scale mixture (wide component)"));
        list.add(HyperParameter.real("mixture_sigma2", Math.exp(-6), 1e-6, 1e3, "σ₂ of the scale mixture (narrow component)"));
        list.add(HyperParameter.real("rho_init", -3.0, -20, 5, "initial ρ of every weight and bias, σ = softplus(ρ)"));
        list.add(HyperParameter.choice("estimator", BbbTrainer.DEFAULT_ESTIMATOR, List.of("sampled_weights", "local_reparam"),
                "gradient estimator: one weight draw per minibatch, or local reparameterization (Gaussian prior only)"));
        list.add(HyperParameter.choice("kl_weighting", "uniform", List.of("uniform", "blundell"),
                "KL share per minibatch: KL/N_train, or Blundell's 2^(M−i)/(2^M−1)"));
        list.add(HyperParameter.real("kl_scale", 1.0, 0, 1e6, "β > 0 multiplying the KL (β < 1: tempered posterior)"));
        list.add(HyperParameter.integer("train_samples", 1, 1, 1000, "stochastic passes per training step, gradients averaged"));
        list.add(HyperParameter.integer("test_samples", 32, 1, 100000, "S, sampled networks at test time"));
        return List.copyOf(list);
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new BbbTrainer(params, seed);
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("hidden", java.util.List.of(32, 32), "epochs", 100, "batch_size", 32, "learning_rate", 0.01, "test_samples", 32);
    }
}
