package dev.credence.methods.temperature;

import java.util.function.DoubleUnaryOperator;

/**
 * A local minimum of a function on an interval without derivatives (Brent 1973, "Algorithms for Minimization
 * without Derivatives", ch. 5): parabolic interpolation through the three best points when it steps inside the
 * interval and at most half as far as the step before last, golden-section reduction otherwise. For a unimodal
 * function the returned point is within the tolerance of the minimiser, or, at a smooth minimum, within the
 * resolution of f in double, |Δx| ≈ √(2ε·|f|/f''), if that is coarser.
 */
final class BrentMinimizer {
    /** (3 − √5)/2: the golden-section fraction. */
    private static final double GOLDEN = 0.5 * (3 - Math.sqrt(5));

    /**
     * @param x           the minimiser found
     * @param value       f(x)
     * @param evaluations evaluations of f made
     */
    record Minimum(double x, double value, int evaluations) {
    }

    private BrentMinimizer() {
    }

    /**
     * @param f              the function
     * @param a              lower end of the interval
     * @param b              upper end, > a
     * @param tolerance      absolute accuracy wanted in x, > 0
     * @param maxEvaluations cap on evaluations
     * @return the minimum found
     */
    static Minimum minimize(DoubleUnaryOperator f, double a, double b, double tolerance, int maxEvaluations) {
        if (!(b > a) || !(tolerance > 0)) {
            throw new IllegalArgumentException("need a < b and tolerance > 0, got [" + a + ", " + b + "] and " + tolerance);
        }
        // x: best point so far; w: second best; v: previous w. step: the last step; stepBeforeLast: the one before.
        double x = a + GOLDEN * (b - a);
        double w = x;
        double v = x;
        double fx = f.applyAsDouble(x);
        double fw = fx;
        double fv = fx;
        int evaluations = 1;
        double step = 0;
        double stepBeforeLast = 0;
        // half of the final interval is at most 'tolerance' (the stop test below), so x is within it of the minimiser
        double minStep = tolerance / 2;
        while (evaluations < maxEvaluations) {
            double middle = (a + b) / 2;
            if (Math.abs(x - middle) <= 2 * minStep - (b - a) / 2) {
                break;
            }
            boolean golden = true;
            if (Math.abs(stepBeforeLast) > minStep) {
                // parabola through (x, fx), (w, fw), (v, fv): its vertex is x + p/q
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                } else {
                    q = -q;
                }
                if (Math.abs(p) < Math.abs(0.5 * q * stepBeforeLast) && p > q * (a - x) && p < q * (b - x)) {
                    stepBeforeLast = step;
                    step = p / q;
                    double u = x + step;
                    // keep the first evaluation away from the ends
                    if (u - a < 2 * minStep || b - u < 2 * minStep) {
                        step = x < middle ? minStep : -minStep;
                    }
                    golden = false;
                }
            }
            if (golden) {
                stepBeforeLast = x < middle ? b - x : a - x;
                step = GOLDEN * stepBeforeLast;
            }
            double u = Math.abs(step) >= minStep ? x + step : x + Math.copySign(minStep, step);
            double fu = f.applyAsDouble(u);
            evaluations++;
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return new Minimum(x, fx, evaluations);
    }
}
