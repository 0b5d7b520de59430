package dev.credence.core.tribuo;

import dev.credence.core.spi.HyperParameter;

import java.util.ArrayList;
import java.util.List;

/** The hyperparameters every MLP method shares (network shape and optimisation), declared once. */
public final class NetworkHyperParameters {
    private NetworkHyperParameters() {
    }

    /** @return hidden, activation, epochs, batch_size, optimizer, learning_rate, momentum */
    public static List<HyperParameter> common() {
        return List.of(
                HyperParameter.intList("hidden", List.of(400, 400), 1, 65536, "hidden layer widths"),
                HyperParameter.choice("activation", "relu", List.of("relu", "tanh"), "hidden activation"),
                HyperParameter.integer("epochs", 20, 1, 100000, "passes over the training data"),
                HyperParameter.integer("batch_size", 128, 1, 1 << 20, "minibatch size"),
                HyperParameter.choice("optimizer", "adam", List.of("adam", "sgd"), "optimizer"),
                HyperParameter.real("learning_rate", 1e-3, 0, 1000, "learning rate"),
                HyperParameter.real("momentum", 0.0, 0, 0.999, "heavy-ball momentum (sgd only)"));
    }

    /** @return λ of the L2 term (λ/2)·‖w‖² on weights, default 5e-4 (the protocol's), for methods trained with weight decay */
    public static HyperParameter weightDecay() {
        return HyperParameter.real("weight_decay", 5e-4, 0, 10, "λ of the L2 term (λ/2)·‖w‖² on weights");
    }

    /**
     * @param specific the method's own hyperparameters
     * @return {@link #common()} followed by {@code specific}
     */
    public static List<HyperParameter> with(HyperParameter... specific) {
        List<HyperParameter> all = new ArrayList<>(common());
        all.addAll(List.of(specific));
        return List.copyOf(all);
    }
}
