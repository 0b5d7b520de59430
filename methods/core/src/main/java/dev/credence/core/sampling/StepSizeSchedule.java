package dev.credence.core.sampling;

import java.io.Serializable;

/**
 * The step size ε_t of a Langevin integrator at update t = 0, 1, 2, …, and whether update t samples (adds the
 * Langevin noise) or explores (a gradient step without noise). Welling &amp; Teh (2011) need Σ ε_t = ∞ and
 * Σ ε_t² &lt; ∞ for the discretisation error to vanish, which the polynomial decay with γ ∈ (0.5, 1] satisfies; a
 * constant ε trades an O(ε) bias for faster mixing; the cyclical schedule (Zhang et al. 2020) restarts a cosine
 * decay M times and samples only in the low-step end of each cycle.
 */
public sealed interface StepSizeSchedule extends Serializable {

    /**
     * @param t 0-based update index
     * @return ε_t
     */
    double at(long t);

    /**
     * @param t 0-based update index
     * @return whether update t adds the Langevin noise; true for every update unless the schedule has exploration
     *     phases ({@link Cyclical})
     */
    default boolean sampling(long t) {
        return true;
    }

    /**
     * ε_t = ε.
     *
     * @param stepSize ε &gt; 0
     */
    record Constant(double stepSize) implements StepSizeSchedule {
        /** Checks ε. */
        public Constant {
            if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
                throw new IllegalArgumentException("step size must be a positive number, got " + stepSize);
            }
        }

        @Override
        public double at(long t) {
            return stepSize;
        }
    }

    /**
     * ε_t = a·(b + t)^(−γ).
     *
     * @param a     scale &gt; 0
     * @param b     offset &gt; 0
     * @param gamma decay exponent in (0.5, 1]
     */
    record Polynomial(double a, double b, double gamma) implements StepSizeSchedule {
        /** Checks the parameters. */
        public Polynomial {
            if (!(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("a and b must be positive numbers, got a=" + a + ", b=" + b);
            }
            if (!(gamma > 0.5 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0.5, 1], got " + gamma);
            }
        }

        /**
         * The decay that starts at a given step size: ε_t = ε₀·(1 + t/b)^(−γ), i.e. a = ε₀·b^γ.
         *
         * @param initial ε₀
         * @param b       offset (steps until ε has dropped by 2^(−γ))
         * @param gamma   decay exponent in (0.5, 1]
         * @return the schedule
         */
        public static Polynomial startingAt(double initial, double b, double gamma) {
            return new Polynomial(initial * Math.pow(b, gamma), b, gamma);
        }

        @Override
        public double at(long t) {
            return a * Math.pow(b + t, -gamma);
        }
    }

    /**
     * Cyclical SG-MCMC (Zhang, Li, Zhang, Chen &amp; Wilson 2020, cSGLD): over K updates in M cycles of
     * L = ⌈K/M⌉ updates, with k = t + 1 the paper's 1-based iteration,
     * ε_k = ε₀/2 · (cos(π·mod(k − 1, L)/L) + 1), and r(k) = mod(k − 1, L)/L. Updates with r &lt; β explore (a
     * gradient step, no noise, no sample); the rest, the low-step end of each cycle, sample. Our ε is the paper's
     * 2α (θ ← θ − (ε/2)∇U + N(0, ε) is its θ ← θ − α∇U + N(0, 2α)), so ε₀ here is 2α₀ there.
     *
     * @param initial             ε₀ &gt; 0, the step size at the start of every cycle
     * @param totalSteps          K ≥ 1, updates the chain makes
     * @param cycles              M, in [1, K]
     * @param explorationFraction β in [0, 1), the paper's proportion of exploration
     */
    record Cyclical(double initial, long totalSteps, int cycles, double explorationFraction) implements StepSizeSchedule {
        /** Checks the parameters. */
        public Cyclical {
            if (!(initial > 0) || Double.isInfinite(initial)) {
                throw new IllegalArgumentException("step size must be a positive number, got " + initial);
            }
            if (totalSteps < 1 || cycles < 1 || cycles > totalSteps) {
                throw new IllegalArgumentException("need 1 ≤ cycles ≤ total steps, got " + cycles + " cycles of "
                        + totalSteps + " steps");
            }
            if (!(explorationFraction >= 0 && explorationFraction < 1)) {
                throw new IllegalArgumentException("exploration fraction must be in [0, 1), got " + explorationFraction);
            }
        }

        /** @return L = ⌈K/M⌉, updates per cycle (the last cycle is shorter when M does not divide K) */
        public long cycleLength() {
            return (totalSteps + cycles - 1) / cycles;
        }

        @Override
        public double at(long t) {
            long l = cycleLength();
            return initial / 2 * (Math.cos(Math.PI * (t % l) / l) + 1);
        }

        /** @return whether r = mod(t, L)/L ≥ β */
        @Override
        public boolean sampling(long t) {
            long l = cycleLength();
            return (double) (t % l) / l >= explorationFraction;
        }

        /** @return the first offset i in a cycle with i/L ≥ β (the first sampling update of every cycle), at most L */
        public long firstSamplingOffset() {
            long l = cycleLength();
            long i = Math.max(0, (long) Math.floor(explorationFraction * l) - 1);
            while (i < l && !((double) i / l >= explorationFraction)) {
                i++;
            }
            return i;
        }

        /**
         * @return each cycle's sampling updates [cL + i₀, min((c + 1)L, K)) with i₀ = {@link #firstSamplingOffset},
         *     the cycles with none left out
         */
        public java.util.List<SnapshotCollector.Window> samplingWindows() {
            long l = cycleLength();
            long offset = firstSamplingOffset();
            java.util.List<SnapshotCollector.Window> out = new java.util.ArrayList<>();
            for (long start = 0; start < totalSteps; start += l) {
                long from = start + offset;
                long to = Math.min(start + l, totalSteps);
                if (from < to) {
                    out.add(new SnapshotCollector.Window(from, to));
                }
            }
            return out;
        }
    }
}
