package dev.credence.experiments.run;

import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.RunShape;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.ResolvedDataset;
import dev.credence.experiments.suite.ResolvedMethod;
import dev.credence.experiments.suite.RunSpec;
import dev.credence.experiments.suite.ValidatedRun;

/**
 * A run as the suite asks for it now ({@link RunPlanner}): the validated run, its resolved configuration (method,
 * every hyperparameter, any base, dataset and its parameters, imbalance, split, seed, bins, S, and the SHA-256 of
 * every data file read), that configuration's fingerprint, and the shape of the data it was planned on.
 *
 * @param run         the validated run
 * @param config      its resolved configuration
 * @param fingerprint {@link RunConfig#fingerprint()}
 * @param shape       its prepared data's shape with S = 1, as the method's preflight saw it: what {@link RunCost}
 *                    estimates the run's cost from to balance {@link Shards}
 * @param heap        its estimated peak heap ({@link RunBudget}): what {@code run --jobs} adds up for runs at once
 */
public record PlannedRun(ValidatedRun run, RunConfig config, String fingerprint, RunShape shape, Footprint heap) {
    /** @return the run id */
    public String id() {
        return run.id();
    }

    /** @return the run's spec */
    public RunSpec spec() {
        return run.spec();
    }

    /** @return its method, resolved */
    public ResolvedMethod method() {
        return run.method();
    }

    /** @return its dataset, resolved */
    public ResolvedDataset dataset() {
        return run.dataset();
    }

    /** @return the method entry the run is scored against, or null (no reference, or the reference's own row) */
    public ResolvedMethod reference() {
        return run.reference();
    }

    /** @return the run's method provider */
    public MethodProvider provider() {
        return run.method().provider();
    }

    /** @return what every result of this run says, whatever its status */
    public RunResult.Identity identity() {
        RunSpec spec = run.spec();
        return new RunResult.Identity(spec.suite().name(), spec.id(), spec.seed(), config, spec.dataset().name(),
                spec.method().name());
    }

    @Override
    public String toString() {
        return run.spec().toString();
    }
}
