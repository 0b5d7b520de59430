package dev.credence.experiments.bench;

import java.util.List;
import java.util.Map;

/**
 * One composed method's phases, each timed once per trial on the real code path of the method's module. A trial
 * builds fresh trainers with the bench's seed, so every trial computes the same numbers.
 */
interface ComposedTrial {

    /**
     * A timed phase and what its rate counts.
     *
     * @param name  e.g. "ggn-kron"
     * @param count how many of {@code unit} one run of the phase processes
     * @param unit  e.g. "training rows"
     * @param what  one line on what the phase covers
     */
    record Phase(String name, long count, String unit, String what) {
    }

    /** @return the registry name of the method */
    String method();

    /** @return the phases every {@link #run} times, in report order */
    List<Phase> phases();

    /**
     * Runs every phase once.
     *
     * @param clock receives each phase's wall time
     * @return facts of this trial's result to print beside the timings (a fitted temperature, a test accuracy), so
     *     that both sides can be seen to compute the same thing
     */
    Map<String, Object> run(PhaseClock clock);
}
