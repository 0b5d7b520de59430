package dev.credence.examples;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import dev.credence.core.spi.UncertaintyTrainer;

import java.net.URL;
import java.nio.file.Path;

/**
 * Trainers from OLCUT configuration files, as Tribuo's own trainers are built: a component per trainer, its
 * {@code @Config} fields as properties (named as in a suite: {@code learning_rate}, lists as {@code propertylist},
 * choices by their value {@code adam}), a composed method's base as a reference to another component. Settings a file leaves
 * out keep their defaults. The bundled files are {@code config/<method>.xml}, one component named after the method.
 */
public final class Configs {
    private Configs() {
    }

    /**
     * @param method a method name, e.g. {@code deep-ensemble}
     * @return the trainer of the bundled {@code config/<method>.xml}, component {@code method}
     */
    public static UncertaintyTrainer bundled(String method) {
        URL url = Configs.class.getResource("config/" + method + ".xml");
        if (url == null) {
            throw new IllegalArgumentException("no bundled configuration for method '" + method + "'");
        }
        return (UncertaintyTrainer) new ConfigurationManager(url).lookup(method);
    }

    /**
     * @param file      an OLCUT configuration file
     * @param component the component to build
     * @return its trainer
     */
    public static UncertaintyTrainer load(Path file, String component) {
        return (UncertaintyTrainer) new ConfigurationManager(file.toString()).lookup(component);
    }
}
