package dev.credence.examples;

import dev.credence.core.spi.TrainerBuilder;
import dev.credence.core.spi.UncertaintyTrainer;

import java.io.IOException;
import java.util.List;

/**
 * Full-batch Hamiltonian Monte Carlo: two chains on both cores, each adapting its step size during warm-up and then
 * keeping ten networks, in a plain Tribuo program ({@link Walkthrough}). The trainer is built in Java below, or from
 * {@code config/hmc.xml} with the same settings ({@code --config FILE.xml} reads another).
 * <pre>{@code mvn -q -pl examples -am compile exec:java -DskipExamples=false -Dexample=HmcExample}</pre>
 */
public final class HmcExample {
    /** The seed of every random draw of the trainer. */
    static final long SEED = 7;

    private HmcExample() {
    }

    /** @return the trainer, with the settings of {@code config/hmc.xml} */
    public static UncertaintyTrainer trainer() {
        return TrainerBuilder.method("hmc")
                .set("hidden", List.of(16))
                .set("warmup", 100)
                .set("samples", 10)
                .set("thinning", 2)
                .set("leapfrog_steps", 10)
                .set("chains", 2)
                .seed(SEED).build();
    }

    /**
     * @param args {@code [--config FILE.xml] [DATA.csv]}: default the bundled breast-cancer-wisconsin CSV
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Walkthrough.main("hmc", trainer(), args);
    }
}
