package dev.credence.core.sampling;

/**
 * The leapfrog (Störmer–Verlet) integrator of H(q, p) = U(q) + ½‖p‖² with an identity mass matrix:
 * p ← p − (ε/2)∇U(q), then L times q ← q + εp and p ← p − ε∇U(q) (the last one a half step). It is
 * time-reversible and volume-preserving, so a trajectory run again from (q_L, −p_L) returns to (q_0, −p_0), up to
 * rounding; its energy error is O(ε²) over a fixed trajectory time.
 */
public final class Leapfrog {
    private Leapfrog() {
    }

    /** U or its gradient became non-finite at a step of the trajectory. */
    public static final class NonFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int step;

        NonFinite(int step, String what) {
            super(what);
            this.step = step;
        }

        /** @return the 1-based leapfrog step */
        public int step() {
            return step;
        }
    }

    /**
     * Runs L steps in place.
     *
     * @param target   U and ∇U
     * @param q        position q_0, becomes q_L
     * @param p        momentum p_0, becomes p_L
     * @param gradient ∇U(q_0) on entry, ∇U(q_L) on exit
     * @param epsilon  step size ε &gt; 0
     * @param steps    L ≥ 1
     * @return U(q_L)
     * @throws NonFinite naming the step when U or an entry of ∇U is not finite
     */
    public static double integrate(HamiltonianTarget target, double[] q, double[] p, double[] gradient, double epsilon,
                                   int steps) {
        if (steps < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("leapfrog needs L ≥ 1 and ε > 0, got " + steps + " and " + epsilon);
        }
        int d = q.length;
        double half = 0.5 * epsilon;
        for (int j = 0; j < d; j++) {
            p[j] -= half * gradient[j];
        }
        double u = Double.NaN;
        for (int step = 1; step <= steps; step++) {
            for (int j = 0; j < d; j++) {
                q[j] += epsilon * p[j];
            }
            u = target.energy(q, gradient);
            if (!Double.isFinite(u)) {
                throw new NonFinite(step, "U is " + u);
            }
            double kick = step < steps ? epsilon : half;
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(gradient[j])) {
                    throw new NonFinite(step, "∇U[" + j + "] is " + gradient[j]);
                }
                p[j] -= kick * gradient[j];
            }
        }
        return u;
    }

    /** @return ½‖p‖² */
    public static double kinetic(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v * v;
        }
        return 0.5 * s;
    }
}
