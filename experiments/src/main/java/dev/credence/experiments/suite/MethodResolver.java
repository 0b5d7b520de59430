package dev.credence.experiments.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.Names;
import dev.credence.core.spi.ResolvedParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a suite's method entries, once: provider, hyperparameters and bases. A base is the name of another entry
 * of the suite or an entry written inline; a method that builds on another must have one, a method that trains from
 * scratch must not, a base the method cannot build on (Laplace on a posterior without a point network) is refused,
 * and a chain of names that comes back to itself is an error naming it.
 */
public final class MethodResolver {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final MethodRegistry registry;
    private final Map<String, MethodEntry> byName = new LinkedHashMap<>();

    private MethodResolver(MethodRegistry registry, List<MethodEntry> entries) {
        this.registry = registry;
        entries.forEach(e -> byName.put(e.name(), e));
    }

    /**
     * @param context  where the suite comes from, starting every message (e.g. its file)
     * @param registry the methods
     * @param entries  the suite's method entries
     * @return each entry resolved, by name, in order
     */
    public static Map<String, ResolvedMethod> resolve(String context, MethodRegistry registry, List<MethodEntry> entries) {
        MethodResolver r = new MethodResolver(registry, entries);
        Map<String, ResolvedMethod> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            MethodEntry m = entries.get(i);
            out.put(m.name(), r.resolve(context + ": methods[" + i + "] (" + m.name() + ")", m, new ArrayList<>()));
        }
        return out;
    }

    private ResolvedMethod resolve(String context, MethodEntry entry, List<String> chain) {
        MethodProvider provider = rethrow(context, () -> registry.get(entry.method()));
        ResolvedParams params = HyperParameters.resolve(context, provider.name(), provider.hyperParameters(), entry.params());
        boolean composed = provider instanceof ComposedMethodProvider;
        if (entry.base() == null) {
            if (composed) {
                throw new CredenceInputException(context + ": method '" + provider.name() + "' builds on another method:"
                        + " give it a \"base\" (the name of another method entry, or an entry such as {\"method\": \"map\"})");
            }
            return new ResolvedMethod(entry.name(), provider, params, null, null);
        }
        if (!composed) {
            throw new CredenceInputException(context + ": method '" + provider.name() + "' trains from scratch; remove \"base\"");
        }
        ComposedMethodProvider composer = (ComposedMethodProvider) provider;
        List<String> path = new ArrayList<>(chain);
        path.add(entry.name());
        MethodEntry baseEntry = baseEntry(context, entry, path);
        ResolvedMethod base = resolve(context + ": base '" + baseEntry.name() + "'", baseEntry, path);
        String refusal = composer.refusesBase(base.provider());
        if (refusal != null) {
            throw new CredenceInputException(context + ": " + refusal);
        }
        return new ResolvedMethod(entry.name(), provider, params, base, composer);
    }

    private MethodEntry baseEntry(String context, MethodEntry entry, List<String> path) {
        JsonNode base = entry.base();
        if (base.isTextual()) {
            MethodEntry named = byName.get(base.textValue());
            if (named == null) {
                throw new CredenceInputException(context + ": field 'base': "
                        + Names.unknown("method entry", base.textValue(), byName.keySet()));
            }
            if (path.contains(named.name())) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(named.name()), path.size()));
                loop.add(named.name());
                throw new CredenceInputException(context + ": field 'base': the methods build on each other in a loop: "
                        + String.join(" → ", loop));
            }
            return named;
        }
        try {
            return STRICT.treeToValue(base, MethodEntry.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new CredenceInputException(context + ": field 'base': " + Names.unknown("field", e.getPropertyName(), known));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (e.getCause() instanceof CredenceInputException c) {
                throw new CredenceInputException(context + ": field 'base': " + c.getMessage());
            }
            String m = e.getOriginalMessage() == null ? "invalid" : e.getOriginalMessage().lines().findFirst().orElse("invalid");
            throw new CredenceInputException(context + ": field 'base': " + m);
        }
    }

    private static <T> T rethrow(String context, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (CredenceInputException e) {
            throw new CredenceInputException(context + ": " + e.getMessage(), e);
        }
    }
}
