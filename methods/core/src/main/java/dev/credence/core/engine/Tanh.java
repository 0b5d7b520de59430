package dev.credence.core.engine;

/** Hyperbolic tangent; f' = 1 − y². */
public final class Tanh extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    protected float apply(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    protected float derivativeFromOutput(float y) {
        return 1f - y * y;
    }
}
