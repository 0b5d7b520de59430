package dev.credence.experiments.run;

import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.RunShape;
import dev.credence.experiments.suite.ResolvedMethod;

import java.util.Map;

/**
 * The expected cost of a fit, in arbitrary units, for balancing shards: an estimate made before anything trains, the
 * same on every machine for the same suite and data. Training dominates a run, and an epoch costs about train rows ×
 * trained parameters × the uses of a parameter per row, so a method trained from scratch costs
 * <pre>train rows × parameters × epochs</pre>
 * where parameters are the {@link Footprint#PARAMETERS} term of its preflight on the run's shape, in floats (the
 * network's weights, twice that for a method with a mean and a scale per weight; the input width + 1 times the
 * classes when the method gives no footprint), times its network's multiply-adds per weight
 * ({@code MethodProvider.multiplyAddsPerWeight}: 1 for an MLP, each kernel entry's positions for a CNN, 6.78 for
 * LeNet-5 on 28×28 images), and epochs its passes over the training data
 * ({@code MethodProvider.trainingPasses}: its {@code epochs}, 1 if it has none; HMC's full-batch gradients). A method
 * built on a base costs, beyond its base's fit (counted once however many rows share it),
 * <pre>train rows × the base's parameters × ((members − 1) × the base's passes + its own *_epochs + 1)</pre>
 * an ensemble's {@code members} refit the whole base chain (the first member is the shared fit), an {@code *_epochs}
 * hyperparameter (SWAG's phase) is that many more passes, and the 1 is one pass of its own (fitting a temperature, a
 * Hessian). A base's passes are its epochs, plus its own passes when it is itself built on a base. Prediction on the
 * test part is not counted; scoring the shifted test sets is ({@link #shiftScoring}): a run scores its headline
 * predictive on each of its dataset's P shifted sets, one predictive pass of S samples per set,
 * <pre>P × test rows × the root's parameters × S / 3</pre>
 * a forward pass costing about a third of a training step (forward and backward) per row; S is what the method's
 * predictive returns (the suite's {@code test_samples} or the method's own). This overstates methods whose samples
 * redraw only part of the network (last-layer Laplace).
 */
final class RunCost {
    private RunCost() {
    }

    /**
     * @param m     a method of a run
     * @param shape the run's data
     * @return the expected cost of fitting m's own part (its base excluded)
     */
    static double ownFit(ResolvedMethod m, RunShape shape) {
        double rows = Math.max(1, shape.trainRows());
        if (m.base() == null) {
            return rows * parameters(m, shape) * m.provider().trainingPasses(m.params());
        }
        return rows * parameters(root(m), shape) * ownPasses(m);
    }

    /**
     * @param run a planned run
     * @return the expected cost of scoring its headline predictive on its dataset's shifted test sets (0 without)
     */
    static double shiftScoring(PlannedRun run) {
        int sets = run.dataset().shifts().points().size();
        if (sets == 0) {
            return 0.0;
        }
        RunShape shape = run.shape();
        return sets * (double) Math.max(1, shape.testRows()) * parameters(root(run.method()), shape)
                * samples(run.method(), run.config().testSamples()) / 3.0;
    }

    /** @return S, the samples m's predictives return when the suite asks for {@code requested} (null: its own) */
    private static int samples(ResolvedMethod m, Integer requested) {
        return m.base() == null ? m.provider().predictiveSamples(m.params(), requested)
                : m.composer().predictiveSamples(m.params(), requested, samples(m.base(), requested));
    }

    /** @return passes over the training data that fitting m makes, its bases' included */
    static double passes(ResolvedMethod m) {
        return m.base() == null ? m.provider().trainingPasses(m.params()) : passes(m.base()) + ownPasses(m);
    }

    private static double ownPasses(ResolvedMethod m) {
        double passes = (intParam(m, "members", 1) - 1) * passes(m.base()) + 1;
        for (Map.Entry<String, Object> e : m.params().asMap().entrySet()) {
            if (e.getKey().endsWith("_epochs") && e.getValue() instanceof Integer epochs) {
                passes += epochs;
            }
        }
        return passes;
    }

    private static ResolvedMethod root(ResolvedMethod m) {
        return m.base() == null ? m : root(m.base());
    }

    /** @return the parameters of m's network in floats, weighted by their multiply-adds per weight */
    private static double parameters(ResolvedMethod m, RunShape shape) {
        long bytes = m.provider().preflight(m.params(), shape).bytes(Footprint.PARAMETERS);
        double floats = bytes > 0 ? bytes / 4.0 : (shape.features() + 1.0) * Math.max(1, shape.classes());
        return floats * m.provider().multiplyAddsPerWeight(m.params(), shape);
    }

    private static int intParam(ResolvedMethod m, String name, int otherwise) {
        Object v = m.params().asMap().get(name);
        return v instanceof Integer i ? i : otherwise;
    }
}
