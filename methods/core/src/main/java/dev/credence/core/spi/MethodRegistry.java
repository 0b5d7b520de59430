package dev.credence.core.spi;

import dev.credence.core.CredenceInputException;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The methods found on the class path through {@link ServiceLoader}, by name. */
public final class MethodRegistry {
    private final Map<String, MethodProvider> providers;

    private MethodRegistry(Map<String, MethodProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** @return every provider on the class path; two providers with one name are an error */
    public static MethodRegistry discover() {
        Map<String, MethodProvider> found = new TreeMap<>();
        for (MethodProvider p : ServiceLoader.load(MethodProvider.class)) {
            MethodProvider previous = found.put(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two method providers are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new MethodRegistry(found);
    }

    /** @return providers sorted by name */
    public List<MethodProvider> all() {
        return List.copyOf(providers.values());
    }

    /**
     * @param name method name
     * @return its provider; an unknown name raises a message with the nearest known name
     */
    public MethodProvider get(String name) {
        MethodProvider p = providers.get(name);
        if (p == null) {
            throw new CredenceInputException(Names.unknown("method", name, providers.keySet()));
        }
        return p;
    }
}
