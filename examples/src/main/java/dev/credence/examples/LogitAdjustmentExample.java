package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;

/**
 * Post-hoc logit adjustment of a map network (its logits minus τ·log π_train, τ = 1) in a plain Tribuo program
 * ({@link Walkthrough}). The trainer is built in Java below, or from {@code config/logit-adjustment.xml} with the same
 * settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=LogitAdjustmentExample}</pre>
 */
public final class LogitAdjustmentExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private LogitAdjustmentExample() {
    }

    /** @return the trainer, with the settings of {@code config/logit-adjustment.xml} */
    public static UncertaintyTrainer trainer() {
        UncertaintyTrainer base = MapExample.trainer(); // the map network of MapExample, same seed
        return TrainerBuilder.method("logit-adjustment")
                .set("tau", 1.0)
                .seed(SEED)
                .base(base).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("logit-adjustment", trainer(), args);
    }
}
