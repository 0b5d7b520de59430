package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;
import java.util.List;

/**
 * Stochastic gradient Langevin dynamics; with two step sizes, the Tribuo path holds out a tenth of each class to choose between them in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/sgld.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=SgldExample}</pre>
 */
public final class SgldExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private SgldExample() {
    }

    /** @return the trainer, with the settings of {@code config/sgld.xml} */
    public static UncertaintyTrainer trainer() {
        return TrainerBuilder.method("sgld")
                .set("hidden", List.of(32))
                .set("epochs", 60)
                .set("burn_in_epochs", 30)
                .set("batch_size", 32)
                .set("samples", 16)
                .set("step_sizes", List.of(1e-4, 1e-3))
                .seed(SEED).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("sgld", trainer(), args);
    }
}
