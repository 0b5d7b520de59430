package dev.credence.methods.ensemble;

import com.oracle.labs.mlrg.olcut.config.Config;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.Hyper;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.Sweep;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.RunShape;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.EpochRecord;
import dev.credence.core.train.TrainingHistory;
import dev.credence.core.train.TrainingListener;
import dev.credence.core.tribuo.AbstractComposedTrainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep ensemble (Lakshminarayanan et al. 2017) of any base method: M fits of the base trainer, each its own
 * invocation (so its own initialisation, data order and, for a stochastic base, prediction noise, all derived from
 * the base's seed through its stream), predicting with their uniform mixture ({@link EnsemblePredictive}).
 *
 * <p>Members: invocation i of this trainer uses the base's invocations i·M … i·M + M − 1. Member 0 is the base fit
 * handed to {@link #fitOn} (for i = 0 the base's first invocation, exactly the fit of the base's own row with the
 * same seed) or made by {@link #fit}; member m ≥ 1 is fitted here by positioning the base trainer
 * ({@code base().setInvocationCount(i·M + m)}) and calling its {@code fit} on the same data. The base is left at
 * invocation (i + 1)·M, so repeated fits draw fresh members, and {@link #setInvocationCount} positions the base too,
 * so Tribuo's replay of invocation i reproduces its ensemble. This trainer's own stream draws nothing.
 *
 * <p>The fit: the headline predictive of all M members; for M ≥ 2 a sweep on axis {@value #AXIS} with the points
 * M' = 1 … M, the ensemble of the first M' members, whose last point M is the headline predictive itself (the
 * harness scores it once); the members' training curves concatenated in
 * member order (epochs renumbered), examples and seconds summed over all M members, member 0's included; extras
 * with M, the base, each member's epochs and the members' own extras.
 */
public final class DeepEnsembleTrainer extends AbstractComposedTrainer {
    /** The axis of the ensemble-size sweep: M', the number of members. */
    public static final String AXIS = "members";
    /** What the axis value means. */
    public static final String AXIS_DESCRIPTION = "ensemble members M' (the first M' of the M fitted)";

    @Hyper(min = 1, max = 100)
    @Config(description = "M, fits of the base in the ensemble")
    private int members = 5;

    /** For OLCUT. */
    private DeepEnsembleTrainer() {
    }

    /**
     * @param params validated hyperparameters ({@link DeepEnsembleProvider})
     * @param seed   seed of this trainer's own stream (the members draw from the base's)
     * @param base   the base's trainer, seeded as the base would be on its own
     */
    public DeepEnsembleTrainer(ResolvedParams params, long seed, UncertaintyTrainer base) {
        super(seed, base);
        configure(params);
    }

    @Override
    public String methodName() {
        return DeepEnsembleProvider.NAME;
    }

    /** @return M */
    public int members() {
        return members;
    }

    /** @return M × the base's samples for the request */
    @Override
    public int predictiveSamples(Integer requested) {
        return Math.multiplyExact(members, base.predictiveSamples(requested));
    }

    /** @return M × the base's footprint ({@link DeepEnsembleProvider#members(Footprint, int)}) */
    @Override
    public Footprint preflight(RunShape run) {
        return DeepEnsembleProvider.members(base.preflight(run), members);
    }

    /** Positions this trainer at invocation {@code count} and the base at its first member, count·M. */
    @Override
    public synchronized void setInvocationCount(int count) {
        super.setInvocationCount(count);
        base.setInvocationCount(Math.multiplyExact(count, members));
    }

    @Override
    protected FitResult fitOnBase(FitResult baseFit, DenseData train, DenseData validation,
                                  TrainingListener listener, Rng rng) {
        int firstInvocation = Math.multiplyExact(getInvocationCount() - 1, members);
        List<Predictive> predictives = new ArrayList<>(members);
        List<Integer> memberEpochs = new ArrayList<>(members);
        List<Map<String, Object>> memberExtras = new ArrayList<>(members);
        TrainingHistory history = null;
        int testSamples = baseFit.testSamples();
        for (int m = 0; m < members; m++) {
            FitResult fit;
            if (m == 0) {
                fit = baseFit;
            } else {
                base.setInvocationCount(firstInvocation + m);
                fit = base.fit(train, validation, memberListener(listener, m));
            }
            predictives.add(fit.predictive());
            memberEpochs.add(fit.history().epochs().size());
            memberExtras.add(fit.extras());
            history = history == null ? fit.history() : history.then(fit.history());
        }
        EnsemblePredictive ensemble = new EnsemblePredictive(predictives);
        List<Sweep> sweeps = new ArrayList<>();
        if (members >= 2) {
            List<Sweep.Point> points = new ArrayList<>(members);
            for (int size = 1; size < members; size++) {
                points.add(new Sweep.Point(size, ensemble.first(size)));
            }
            points.add(new Sweep.Point(members, ensemble));
            sweeps.add(new Sweep(AXIS, AXIS_DESCRIPTION, points));
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(AXIS, members);
        extras.put("base", base.methodName());
        extras.put("member_epochs", memberEpochs);
        if (memberExtras.stream().anyMatch(e -> !e.isEmpty())) {
            extras.put("member_extras", memberExtras);
        }
        extras.put("history", "the members' curves concatenated in member order; examples and seconds summed over "
                + "all M members, member 0 (the base's own fit) included");
        return new FitResult(ensemble, testSamples, history, Map.of(), extras).withSweeps(sweeps);
    }

    /** Reports a member's epochs as "deep-ensemble member m/M (base)", m counted from 1 (member 1 is the base fit). */
    private TrainingListener memberListener(TrainingListener listener, int m) {
        String label = methodName() + " member " + (m + 1) + "/" + members;
        return (String method, EpochRecord record, int totalEpochs) ->
                listener.onEpochEnd(label + " (" + method + ")", record, totalEpochs);
    }
}
