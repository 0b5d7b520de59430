package dev.credence.core.engine;

import java.util.Locale;

/** The activations an MLP's hidden layers can use. */
public enum HiddenActivation {
    /** max(0, x) */
    relu,
    /** tanh(x) */
    tanh;

    /** @return the name {@link Activation#named} and {@link MlpShape} take: "relu" or "tanh" */
    public String layerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
