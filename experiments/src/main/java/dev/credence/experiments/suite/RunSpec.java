package dev.credence.experiments.suite;

import dev.credence.experiments.naming.RunId;

/**
 * One run of a suite: a method configuration on a dataset with a seed.
 *
 * @param suite   the suite
 * @param dataset dataset entry
 * @param method  method entry
 * @param seed    seed
 */
public record RunSpec(Suite suite, DatasetEntry dataset, MethodEntry method, long seed) {

    /**
     * @return file-safe id, e.g. {@code glass__map__seed0}: the names in the reversible
     *     {@link dev.credence.experiments.naming.FileNames} encoding ({@link RunId}), so two runs share an id only when they are the same run
     */
    public String id() {
        return new RunId(dataset.name(), method.name(), seed).toString();
    }

    @Override
    public String toString() {
        return method.name() + " × " + dataset.name() + " × seed " + seed;
    }
}
