package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;

/**
 * Last-layer Laplace at a map network in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/laplace.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=LaplaceExample}</pre>
 */
public final class LaplaceExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private LaplaceExample() {
    }

    /** @return the trainer, with the settings of {@code config/laplace.xml} */
    public static UncertaintyTrainer trainer() {
        UncertaintyTrainer base = MapExample.trainer(); // the map network of MapExample, same seed
        return TrainerBuilder.method("laplace")
                .seed(SEED)
                .base(base).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("laplace", trainer(), args);
    }
}
