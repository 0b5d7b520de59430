package dev.credence.methods.temperature;

/**
 * A fitted scaling and the weighted validation NLL it reached.
 *
 * @param scaling     the fitted scaling
 * @param identityNll the weighted NLL of the unscaled logits (T = 1, or w = 1 and b = 0)
 * @param nll         the weighted NLL after scaling (≤ identityNll up to the solver tolerance)
 * @param evaluations objective evaluations (temperature) or Newton iterations (vector scaling)
 * @param converged   whether the optimality condition was met inside the search range: false when the temperature
 *                    stopped at a bound of its range (the optimum lies beyond it) or Newton reached its iteration
 *                    cap (e.g. on separable validation data, where the NLL has no minimiser)
 * @param <S>         the kind of scaling
 */
public record CalibrationFit<S extends LogitScaling>(S scaling, double identityNll, double nll, int evaluations,
                                                     boolean converged) {
}
