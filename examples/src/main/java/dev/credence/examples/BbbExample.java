package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;
import java.util.List;

/**
 * Bayes by Backprop in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/bbb.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=BbbExample}</pre>
 */
public final class BbbExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private BbbExample() {
    }

    /** @return the trainer, with the settings of {@code config/bbb.xml} */
    public static UncertaintyTrainer trainer() {
        return TrainerBuilder.method("bbb")
                .set("hidden", List.of(32))
                .set("epochs", 100)
                .set("batch_size", 32)
                .set("learning_rate", 0.01)
                .set("test_samples", 32)
                .seed(SEED).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("bbb", trainer(), args);
    }
}
