package dev.credence.core.engine;

/**
 * f(x) = ln(1 + e^x), computed as max(x, 0) + log1p(e^−|x|) in double (no overflow); f'(x) = sigmoid(x), which
 * through y = f(x) is 1 − e^−y, computed as −expm1(−y) so it keeps its precision where y is tiny.
 */
public final class Softplus extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    protected float apply(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs((double) x))));
    }

    @Override
    protected float derivativeFromOutput(float y) {
        return (float) -Math.expm1(-(double) y);
    }
}
