package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;

/**
 * A deep ensemble of three map networks in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/deep-ensemble.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=DeepEnsembleExample}</pre>
 */
public final class DeepEnsembleExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private DeepEnsembleExample() {
    }

    /** @return the trainer, with the settings of {@code config/deep-ensemble.xml} */
    public static UncertaintyTrainer trainer() {
        UncertaintyTrainer base = MapExample.trainer(); // the map network of MapExample, same seed
        return TrainerBuilder.method("deep-ensemble")
                .set("members", 3)
                .seed(SEED)
                .base(base).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("deep-ensemble", trainer(), args);
    }
}
