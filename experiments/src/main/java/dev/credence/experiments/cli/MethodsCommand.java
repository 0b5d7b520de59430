package dev.credence.experiments.cli;

import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.List;

/** {@code methods}: every discovered method with its hyperparameters, defaults and valid values. */
@CommandLine.Command(name = "methods", description = "List the methods with their hyperparameters, defaults and valid values.",
        footer = {"%nExample:%n  credence methods"})
final class MethodsCommand implements Command {
    @Override
    public void run(PrintStream out, PrintStream err) {
        MethodRegistry registry = MethodRegistry.discover();
        for (MethodProvider p : registry.all()) {
            out.println(p.name() + " — " + p.description());
            if (p instanceof ComposedMethodProvider c) {
                out.println("    builds on another method: give it a \"base\" (the name of another method entry, or an entry inline)");
                List<String> bases = registry.all().stream().filter(b -> c.refusesBase(b) == null).map(MethodProvider::name).toList();
                out.println("    bases it takes: " + String.join(", ", bases) + (bases.size() == registry.all().size() ? " (any)" : ""));
            }
            if (p.exposesPointNetwork()) {
                List<String> needing = registry.all().stream().filter(c -> c instanceof ComposedMethodProvider cm
                        && cm.refusesBase(p) == null && registry.all().stream().anyMatch(b -> cm.refusesBase(b) != null))
                        .map(MethodProvider::name).toList();
                out.println("    its fit is a point network: methods that need one (" + String.join(", ", needing) + ") can build on it");
            }
            for (HyperParameter h : p.hyperParameters()) {
                out.printf("    %-22s default %-14s %s; %s%n", h.name(), h.defaultValue(), h.domain(), h.description());
            }
            out.println();
        }
    }
}
