package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;
import java.util.List;

/**
 * Bayes by Backprop pruned by signal-to-noise ratio in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/pruned-bbb.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=PrunedBbbExample}</pre>
 */
public final class PrunedBbbExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private PrunedBbbExample() {
    }

    /** @return the trainer, with the settings of {@code config/pruned-bbb.xml} */
    public static UncertaintyTrainer trainer() {
        return TrainerBuilder.method("pruned-bbb")
                .set("hidden", List.of(32))
                .set("epochs", 100)
                .set("batch_size", 32)
                .set("learning_rate", 0.01)
                .set("test_samples", 32)
                .set("fractions", List.of(0.0, 0.5))
                .set("headline_fraction", 0.5)
                .seed(SEED).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("pruned-bbb", trainer(), args);
    }
}
