package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;

/**
 * SWAG from a map network in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/swag.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=SwagExample}</pre>
 */
public final class SwagExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private SwagExample() {
    }

    /** @return the trainer, with the settings of {@code config/swag.xml} */
    public static UncertaintyTrainer trainer() {
        UncertaintyTrainer base = MapExample.trainer(); // the map network of MapExample, same seed
        return TrainerBuilder.method("swag")
                .set("swag_learning_rate", 0.3)
                .set("batch_size", 32)
                .set("swag_epochs", 10)
                .seed(SEED)
                .base(base).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("swag", trainer(), args);
    }
}
