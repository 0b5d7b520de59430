package dev.credence.methods.swag;

import dev.credence.core.engine.Param;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.train.StepHook;
import dev.credence.core.train.StepInfo;

import java.util.List;

/**
 * Collects SWAG's statistics of the SGD iterates (Maddox et al. 2019, Algorithm 1) as a {@link StepHook} on the
 * shared training loop: after each update its {@link CollectionSchedule} selects, the flattened parameter vector θ_i
 * (every {@link Param} in order, as {@link ParameterSnapshots#capture}) updates the running mean θ̄ and diagonal
 * variance ({@link ParameterMoments}, double), and θ_i − θ̄_i, with θ̄_i the mean including θ_i, becomes the newest
 * column of the deviation matrix D, of which the last {@code rank} are kept (float). Memory: 16·d bytes for the
 * moments and 4·d·rank for D, d the parameter count.
 */
public final class SwagCollector implements StepHook {
    /** The paper's rank of D (K = 20 in its experiments). */
    public static final int DEFAULT_RANK = 20;

    private final List<Param> params;
    private final CollectionSchedule schedule;
    private final ParameterMoments moments;
    private final DeviationBuffer deviations;

    /**
     * @param params   the parameters to follow, in a fixed order (e.g. {@code network.params()})
     * @param schedule when to collect
     * @param rank     columns of D kept, ≥ 1 (2 or more for the low-rank covariance)
     */
    public SwagCollector(List<Param> params, CollectionSchedule schedule, int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("the rank of SWAG's deviation matrix must be ≥ 1, got " + rank);
        }
        long count = ParameterSnapshots.count(params);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " parameters do not fit in one SWAG moment array");
        }
        this.params = List.copyOf(params);
        this.schedule = schedule;
        this.moments = new ParameterMoments((int) count);
        this.deviations = new DeviationBuffer(rank);
    }

    @Override
    public void afterStep(StepInfo step) {
        if (schedule.collectsAfter(step)) {
            collect();
        }
    }

    /** Records the parameters' current values as the next iterate. */
    public void collect() {
        float[] theta = ParameterSnapshots.capture(params);
        moments.addAndCentre(theta);
        deviations.add(theta);
    }

    /** @return the iterates collected so far */
    public long iterates() {
        return moments.count();
    }

    /**
     * @return the Gaussian fitted to the iterates so far; collection may go on (the posterior shares D's columns,
     * which are never written once added)
     * @throws IllegalStateException before the first iterate
     */
    public SwagPosterior posterior() {
        if (moments.count() == 0) {
            throw new IllegalStateException("SWAG has collected no iterate yet (schedule: " + schedule + ")");
        }
        return new SwagPosterior(moments.mean(), moments.variance(), deviations.columns().toArray(new float[0][]), moments.count());
    }
}
