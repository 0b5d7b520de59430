package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;

import java.util.List;

/**
 * The convergence flag of PROTOCOL.md, declared here once. The loss is the first term of a run's training curve
 * (the objective's total: {@code loss}, or {@code U} for SGLD), one epoch-mean value per epoch. With E epochs and
 * a window w = max(3, &lceil;E/10&rceil;), let A be the mean loss over the last w epochs and B over the w epochs
 * before them. The run is <em>not converged</em> when |A &minus; B| / max(|B|, 0.01) &gt; 0.01: its loss still
 * moved by more than 1% over the last tenth of training (the floor 0.01 keeps a loss near 0 from being flagged for
 * changes below 10<sup>&minus;4</sup>). A run with fewer than 2w epochs, or without a curve, is undetermined.
 */
final class Convergence {
    /** The rule, in words, for captions. */
    static final String RULE = "mean epoch loss of the last max(3, ⌈E/10⌉) epochs differs by more than 1% from the"
            + " mean of the same number of epochs before them (relative to max(|loss|, 0.01))";
    /** Relative change above which a run is not converged. */
    static final double TOLERANCE = 0.01;
    /** Floor of the denominator of the relative change. */
    static final double FLOOR = 0.01;
    /** Fewest epochs of the window. */
    static final int MIN_WINDOW = 3;

    /** What the rule says about a run. */
    enum Verdict {
        /** the loss settled */
        CONVERGED,
        /** the loss still moved */
        NOT_CONVERGED,
        /** too few epochs, or no curve */
        UNDETERMINED
    }

    private Convergence() {
    }

    /**
     * @param curve a run's training curve, epochs in order
     * @return the verdict
     */
    static Verdict of(List<RunResult.Epoch> curve) {
        int e = curve == null ? 0 : curve.size();
        int w = Math.max(MIN_WINDOW, (e + 9) / 10);
        if (e < 2 * w) {
            return Verdict.UNDETERMINED;
        }
        double[] loss = new double[e];
        for (int i = 0; i < e; i++) {
            Double v = curve.get(i).terms().values().stream().findFirst().orElse(null);
            if (v == null || !Double.isFinite(v)) {
                return Verdict.UNDETERMINED;
            }
            loss[i] = v;
        }
        double a = 0;
        double b = 0;
        for (int i = 0; i < w; i++) {
            a += loss[e - 1 - i];
            b += loss[e - 1 - w - i];
        }
        a /= w;
        b /= w;
        return Math.abs(a - b) / Math.max(Math.abs(b), FLOOR) > TOLERANCE ? Verdict.NOT_CONVERGED : Verdict.CONVERGED;
    }

    /** @return whether an ok run is flagged not converged */
    static boolean notConverged(RunResult r) {
        return r.ok() && of(r.scored().trainingCurve()) == Verdict.NOT_CONVERGED;
    }
}
