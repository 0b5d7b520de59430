package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;
import java.util.List;

/**
 * MC dropout in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/mc-dropout.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=McDropoutExample}</pre>
 */
public final class McDropoutExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private McDropoutExample() {
    }

    /** @return the trainer, with the settings of {@code config/mc-dropout.xml} */
    public static UncertaintyTrainer trainer() {
        return TrainerBuilder.method("mc-dropout")
                .set("hidden", List.of(32))
                .set("epochs", 40)
                .set("batch_size", 32)
                .set("learning_rate", 0.005)
                .set("dropout", 0.2)
                .set("test_samples", 32)
                .seed(SEED).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("mc-dropout", trainer(), args);
    }
}
