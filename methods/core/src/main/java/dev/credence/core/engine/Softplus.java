package dev.credence.core.engine;

/**
 * f(x) = ln(1 + e^x), computed as max(x, 0) + log1p(e^−|x|) in double (no overflow); f'(x) = sigmoid(x), which
 * through y = f(x) is 1 − e^−y, computed as −expm1(−y) so it keeps its precision where y is tiny. {@link #of} is the
 * one double softplus of the main code (the activation, and σ = softplus(ρ) of a Gaussian weight where it is wanted
 * in double); the per-step float σ of the weight posteriors comes from {@link dev.credence.core.kernel.Elementwise}.
 */
public final class Softplus extends Activation {
    private static final long serialVersionUID = 1L;

    /**
     * @param x any value
     * @return ln(1 + e^x), as max(x, 0) + log1p(e^−|x|), which never overflows
     */
    public static double of(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    protected float apply(float x) {
        return (float) of(x);
    }

    @Override
    protected float derivativeFromOutput(float y) {
        return (float) -Math.expm1(-(double) y);
    }
}
