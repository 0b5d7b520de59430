package dev.credence.methods.temperature;

import org.ejml.data.FMatrixRMaj;

/**
 * Temperature scaling (Guo et al. 2017, §4.2): logits z become z/T, with T > 0 fitted to minimise the weighted
 * validation NLL. T is searched in [{@link #MIN_TEMPERATURE}, {@link #MAX_TEMPERATURE}] to {@link #LOG_TOLERANCE}
 * in ln T.
 *
 * <p>Point predictive (one logit matrix): the NLL is convex in β = 1/T, so its stationary point is the root of
 * f'(β), which changes sign once; it is found by safeguarded Newton ({@link NewtonBisection}) in t = ln T on
 * φ(t) = f'(e^−t), with φ'(t) = −β f''(β). Sampled predictive (S logit matrices, predictive (1/S) Σ_s
 * softmax(z_s/T), every sample's logits scaled before the average): the NLL need not be convex or unimodal, so
 * ln T is first scanned at spacing {@link #SCAN_STEP} over the range and Brent's method ({@link BrentMinimizer})
 * then refines within the two scan intervals around the best scan point; a local minimum narrower than the scan
 * spacing can be missed, and at a very flat minimum (curvature f'' in ln T below about 10⁻³·f) the double-precision
 * NLL resolves ln T less finely than the tolerance.
 *
 * @param temperature T, finite and > 0
 */
public record TemperatureScaling(double temperature) implements LogitScaling {
    /** Lower end of the searched range of T. */
    public static final double MIN_TEMPERATURE = 0.01;
    /** Upper end of the searched range of T. */
    public static final double MAX_TEMPERATURE = 100;
    /** Accuracy of the fitted ln T. */
    public static final double LOG_TOLERANCE = 1e-6;
    /** Spacing in ln T of the scan that brackets the sampled predictive's minimum (a factor e^0.5 ≈ 1.65 in T). */
    private static final double SCAN_STEP = 0.5;
    /** Evaluation cap of each 1-D search; far above what bisection alone needs over the range to the tolerance. */
    private static final int MAX_EVALUATIONS = 200;
    private static final double LOG_MIN = Math.log(MIN_TEMPERATURE);
    private static final double LOG_MAX = Math.log(MAX_TEMPERATURE);

    /** Checks T. */
    public TemperatureScaling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("a temperature must be finite and > 0, got " + temperature);
        }
    }

    /**
     * Fits T on the set: safeguarded Newton for one logit sample, scan and Brent for several (see the class comment).
     *
     * @param set validation logits, labels and weights
     * @return the fitted temperature; {@code converged} is false when T is at a bound of the range
     */
    public static CalibrationFit<TemperatureScaling> fit(CalibrationSet set) {
        return set.sampleCount() == 1 ? fitPoint(new TemperatureNll(set)) : fitSampled(new SampledTemperatureNll(set));
    }

    private static CalibrationFit<TemperatureScaling> fitPoint(TemperatureNll nll) {
        double identity = nll.value(1);
        NewtonBisection.Differentiable slope = (t, out) -> {
            double beta = Math.exp(-t);
            TemperatureNll.Derivatives d = nll.at(beta);
            out[0] = d.first();
            out[1] = -beta * d.second();
        };
        double[] ends = new double[2];
        slope.evaluate(LOG_MIN, ends);
        double atMin = ends[0];
        slope.evaluate(LOG_MAX, ends);
        double atMax = ends[0];
        if (atMin == 0 && atMax == 0) {
            // φ is non-increasing, so it is zero throughout: the logits carry no information about T
            return new CalibrationFit<>(new TemperatureScaling(1), identity, identity, 3, true);
        }
        if (atMin <= 0 || atMax >= 0) {
            // f' of one sign over the range: the optimum is at or beyond the bound the NLL falls towards
            double t = atMin <= 0 ? LOG_MIN : LOG_MAX;
            return new CalibrationFit<>(new TemperatureScaling(Math.exp(t)), identity, nll.value(Math.exp(-t)), 4, false);
        }
        NewtonBisection.Root root = NewtonBisection.solve(slope, LOG_MIN, atMin, LOG_MAX, atMax, 0, LOG_TOLERANCE,
                MAX_EVALUATIONS);
        double t = root.x();
        return new CalibrationFit<>(new TemperatureScaling(Math.exp(t)), identity, nll.value(Math.exp(-t)),
                root.evaluations() + 4, true);
    }

    private static CalibrationFit<TemperatureScaling> fitSampled(SampledTemperatureNll nll) {
        double identity = nll.value(1);
        int points = (int) Math.ceil((LOG_MAX - LOG_MIN) / SCAN_STEP) + 1;
        double spacing = (LOG_MAX - LOG_MIN) / (points - 1);
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int j = 0; j < points; j++) {
            double value = nll.value(Math.exp(-(LOG_MIN + j * spacing)));
            if (value < bestValue) {
                bestValue = value;
                best = j;
            }
        }
        double lo = LOG_MIN + Math.max(0, best - 1) * spacing;
        double hi = LOG_MIN + Math.min(points - 1, best + 1) * spacing;
        BrentMinimizer.Minimum min = BrentMinimizer.minimize(t -> nll.value(Math.exp(-t)), lo, hi, LOG_TOLERANCE, MAX_EVALUATIONS);
        double t = min.x();
        boolean atBound = t - LOG_MIN <= LOG_TOLERANCE || LOG_MAX - t <= LOG_TOLERANCE;
        return new CalibrationFit<>(new TemperatureScaling(Math.exp(t)), identity, min.value(),
                points + min.evaluations() + 1, !atBound);
    }

    /** @return z/T for every logit (exactly z when T = 1) */
    @Override
    public FMatrixRMaj apply(FMatrixRMaj logits) {
        FMatrixRMaj out = new FMatrixRMaj(logits.numRows, logits.numCols);
        for (int i = 0, size = logits.numRows * logits.numCols; i < size; i++) {
            out.data[i] = (float) (logits.data[i] / temperature);
        }
        return out;
    }
}
