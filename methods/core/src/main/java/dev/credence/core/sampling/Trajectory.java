package dev.credence.core.sampling;

/** How long each Hamiltonian trajectory is: L leapfrog steps, or a time λ = L·ε (L = max(1, round(λ/ε))). */
public sealed interface Trajectory {

    /**
     * @param stepSize ε
     * @return L for that step size
     */
    int steps(double stepSize);

    /** @param leapfrogSteps L ≥ 1, whatever ε is */
    record Steps(int leapfrogSteps) implements Trajectory {
        /** Checks L. */
        public Steps {
            if (leapfrogSteps < 1) {
                throw new IllegalArgumentException("leapfrog steps must be ≥ 1, got " + leapfrogSteps);
            }
        }

        @Override
        public int steps(double stepSize) {
            return leapfrogSteps;
        }
    }

    /** @param length λ &gt; 0: L = max(1, round(λ/ε)), recomputed whenever ε changes */
    record Time(double length) implements Trajectory {
        /** Checks λ. */
        public Time {
            if (!(length > 0) || Double.isInfinite(length)) {
                throw new IllegalArgumentException("trajectory length must be positive, got " + length);
            }
        }

        @Override
        public int steps(double stepSize) {
            double l = Math.rint(length / stepSize);
            return l >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, l);
        }
    }
}
