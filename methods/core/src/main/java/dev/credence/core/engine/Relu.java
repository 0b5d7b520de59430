package dev.credence.core.engine;

/** ReLU: max(0, x); the derivative at 0 is taken as 0. */
public final class Relu extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    protected float apply(float x) {
        return x > 0f ? x : 0f;
    }

    @Override
    protected float derivativeFromOutput(float y) {
        return y > 0f ? 1f : 0f;
    }
}
