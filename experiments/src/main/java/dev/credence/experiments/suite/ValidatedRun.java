package dev.credence.experiments.suite;

/**
 * A run of a validated suite: its spec with its method and dataset resolved.
 *
 * @param spec    the run
 * @param method  its method, resolved (hyperparameters and bases)
 * @param dataset its dataset, resolved (sources and preparation)
 */
public record ValidatedRun(RunSpec spec, ResolvedMethod method, ResolvedDataset dataset) {
    /** @return the method entry this run is scored against ({@link ResolvedDataset#referenceFor}), or null */
    public ResolvedMethod reference() {
        return dataset.referenceFor(method);
    }

    /** @return the run id */
    public String id() {
        return spec.id();
    }
}
