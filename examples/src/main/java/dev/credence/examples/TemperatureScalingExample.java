package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;

/**
 * Temperature scaling of a map network, fitted on a held-out tenth of each class in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/temperature-scaling.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=TemperatureScalingExample}</pre>
 */
public final class TemperatureScalingExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private TemperatureScalingExample() {
    }

    /** @return the trainer, with the settings of {@code config/temperature-scaling.xml} */
    public static UncertaintyTrainer trainer() {
        UncertaintyTrainer base = MapExample.trainer(); // the map network of MapExample, same seed
        return TrainerBuilder.method("temperature-scaling")
                .seed(SEED)
                .base(base).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("temperature-scaling", trainer(), args);
    }
}
