package dev.credence.core.engine;

/**
 * f(x) = max(x, 0); f'(x) = 1 where the output is positive, else 0.
 *
 * <p>The bulk loops are branch-free, so they cost the same for any sign pattern and vectorize: a compare-and-branch
 * per element mispredicts on about half the units of a trained network, which measured 70× slower on a
 * 128×400 activation (180 µs against 2.5 µs per pass). The backward factor min(1, y·2²⁵²) is exactly 1 for every
 * positive float y (the smallest, 2⁻¹⁴⁹, scales to 2¹⁰³) and exactly 0 for y = 0, so the values are those of
 * the definition. Unlike a compare, max and min propagate NaN, which helps divergence detection.
 */
public final class Relu extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    protected float apply(float x) {
        return Math.max(x, 0f);
    }

    @Override
    protected float derivativeFromOutput(float y) {
        return Math.min(1f, y * 0x1p126f * 0x1p126f);
    }

    @Override
    protected void applyAll(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(in[i], 0f);
        }
    }

    @Override
    protected void backpropagateAll(float[] gradOut, float[] y, float[] gradIn, int n) {
        for (int i = 0; i < n; i++) {
            gradIn[i] = gradOut[i] * Math.min(1f, y[i] * 0x1p126f * 0x1p126f);
        }
    }
}
