package dev.credence.core.sampling;

import java.io.Serializable;

/**
 * The step size ε_t of a Langevin integrator at update t = 0, 1, 2, …. Welling &amp; Teh (2011) need Σ ε_t = ∞ and
 * Σ ε_t² &lt; ∞ for the discretisation error to vanish, which the polynomial decay with γ ∈ (0.5, 1] satisfies; a
 * constant ε trades an O(ε) bias for faster mixing.
 */
public sealed interface StepSizeSchedule extends Serializable {

    /**
     * @param t 0-based update index
     * @return ε_t
     */
    double at(long t);

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
}
