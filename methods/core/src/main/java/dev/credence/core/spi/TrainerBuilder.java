package dev.credence.core.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Any discovered method's trainer from named settings, for Java callers: the counterpart of a suite's method entry,
 * with the same names (those of the suite JSON and the {@code methods} listing), the same defaults and the same
 * checks, since it goes through the method's own declarations ({@link HyperParameterFields}).
 *
 * <pre>{@code
 * UncertaintyTrainer dropout = TrainerBuilder.method("mc-dropout")
 *         .set("hidden", List.of(64, 64)).set("dropout", 0.3).set("epochs", 40).seed(7).build();
 * UncertaintyTrainer ensemble = TrainerBuilder.method("deep-ensemble").set("members", 5)
 *         .base(TrainerBuilder.method("map").set("hidden", List.of(64)).build()).build();
 * }</pre>
 * A value is what the suite JSON would hold: a number, a boolean, a choice as its name or as the enum constant of
 * that name ({@code GradientEstimator.flipout}), a list or array of numbers. An unknown name, a value out of range or a composed method without a base is a
 * {@link CredenceInputException} naming the setting, from {@link #build}.
 */
public final class TrainerBuilder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MethodRegistry registry;
    private final MethodProvider provider;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private long seed = UncertaintyTrainer.DEFAULT_SEED;
    private UncertaintyTrainer base;

    private TrainerBuilder(MethodRegistry registry, MethodProvider provider) {
        this.registry = registry;
        this.provider = provider;
    }

    /**
     * @param name a method on the class path ({@code methods} lists them)
     * @return a builder with every setting at its default
     * @throws CredenceInputException for an unknown method, naming the nearest
     */
    public static TrainerBuilder method(String name) {
        MethodRegistry registry = MethodRegistry.discover();
        return new TrainerBuilder(registry, registry.get(name));
    }

    /**
     * @param name  a hyperparameter, as the suite JSON names it ({@code learning_rate})
     * @param value its value
     * @return this builder
     */
    public TrainerBuilder set(String name, Object value) {
        values.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * @param newSeed fixes every random draw of the trainer
     * @return this builder
     */
    public TrainerBuilder seed(long newSeed) {
        this.seed = newSeed;
        return this;
    }

    /**
     * @param trainer the trainer a composed method builds on (deep-ensemble, temperature-scaling, laplace, swag)
     * @return this builder
     */
    public TrainerBuilder base(UncertaintyTrainer trainer) {
        this.base = Objects.requireNonNull(trainer, "trainer");
        return this;
    }

    /**
     * @return the trainer
     * @throws CredenceInputException naming a setting that is unknown or out of range, or a missing or unsuitable base
     */
    public UncertaintyTrainer build() {
        String context = "method '" + provider.name() + "'";
        ObjectNode json = MAPPER.valueToTree(values);
        ResolvedParams params = HyperParameters.resolve(context, provider.name(), provider.hyperParameters(), json);
        if (!(provider instanceof ComposedMethodProvider composed)) {
            if (base != null) {
                throw new CredenceInputException(context + " builds on no other method; leave out base(...)");
            }
            return provider.create(params, seed);
        }
        if (base == null) {
            throw new CredenceInputException(context + " builds on another method: give it a base(...)");
        }
        for (MethodProvider p : registry.all()) {
            if (p.trainerClass().equals(base.getClass())) {
                String refusal = composed.refusesBase(p);
                if (refusal != null) {
                    throw new CredenceInputException(context + ": " + refusal);
                }
            }
        }
        return composed.create(params, seed, base);
    }
}
