package dev.credence.methods.temperature;

/**
 * The root of a continuous function with opposite signs at the ends of a bracket, by Newton steps safeguarded with
 * bisection: a Newton step is taken only when it lands inside the current bracket and the previous step but one was
 * at least twice as long (so the steps shrink geometrically); otherwise the bracket is halved. The bracket shrinks
 * at every evaluation, so the search cannot diverge, and near a simple root it converges quadratically.
 */
final class NewtonBisection {
    /** A function and its derivative at one point. */
    @FunctionalInterface
    interface Differentiable {
        /**
         * @param x   where
         * @param out receives {value, derivative}
         */
        void evaluate(double x, double[] out);
    }

    /**
     * @param x           the root, within {@code tolerance} of the true one
     * @param evaluations evaluations of the function made
     */
    record Root(double x, int evaluations) {
    }

    private NewtonBisection() {
    }

    /**
     * @param f              the function
     * @param lo             one end of the bracket
     * @param fLo            f(lo), non-zero
     * @param hi             the other end
     * @param fHi            f(hi), non-zero and of the other sign
     * @param start          first point evaluated, inside the bracket
     * @param tolerance      stop when the last step was shorter than this
     * @param maxEvaluations cap on evaluations (bisection alone needs log2((hi − lo)/tolerance))
     * @return the root
     */
    static Root solve(Differentiable f, double lo, double fLo, double hi, double fHi, double start, double tolerance,
                      int maxEvaluations) {
        if (!(fLo < 0 && fHi > 0) && !(fLo > 0 && fHi < 0)) {
            throw new IllegalArgumentException("no sign change over [" + lo + ", " + hi + "]: f = " + fLo + " and " + fHi);
        }
        double[] fd = new double[2];
        double negative = fLo < 0 ? lo : hi;
        double positive = fLo < 0 ? hi : lo;
        double x = start;
        double step = Math.abs(hi - lo);
        double previousStep = step;
        int evaluations = 0;
        while (evaluations < maxEvaluations) {
            f.evaluate(x, fd);
            evaluations++;
            double value = fd[0];
            double slope = fd[1];
            if (value == 0) {
                break;
            }
            if (value < 0) {
                negative = x;
            } else {
                positive = x;
            }
            double left = Math.min(negative, positive);
            double right = Math.max(negative, positive);
            double newton = x - value / slope;
            boolean newtonInside = slope != 0 && newton > left && newton < right;
            double stepBeforeLast = previousStep;
            previousStep = step;
            if (newtonInside && Math.abs(newton - x) * 2 <= Math.abs(stepBeforeLast)) {
                step = newton - x;
                x = newton;
            } else {
                step = (right - left) / 2;
                x = left + step;
            }
            if (Math.abs(step) < tolerance) {
                break;
            }
        }
        return new Root(x, evaluations);
    }
}
