package dev.credence.experiments.suite;

/**
 * One run of a suite: a method configuration on a dataset with a seed.
 *
 * @param suite   the suite
 * @param dataset dataset entry
 * @param method  method entry
 * @param seed    seed
 */
public record RunSpec(Suite suite, DatasetEntry dataset, MethodEntry method, long seed) {

    /** @return file-safe id, e.g. {@code glass__map__seed0} */
    public String id() {
        return safe(dataset.name()) + "__" + safe(method.name()) + "__seed" + seed;
    }

    @Override
    public String toString() {
        return method.name() + " × " + dataset.name() + " × seed " + seed;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
