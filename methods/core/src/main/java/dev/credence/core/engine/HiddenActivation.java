package dev.credence.core.engine;

import java.util.Locale;

/** The activations the hidden layers of a network (MLP or convolutional) can use. */
public enum HiddenActivation {
    /** max(0, x) */
    relu,
    /** tanh(x) */
    tanh,
    /** ln(1 + e^x) (Shridhar et al. 2019 use it in their Bayesian CNN) */
    softplus;

    /** @return the name {@link Activation#named} and {@link MlpShape} take: "relu", "tanh" or "softplus" */
    public String layerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
