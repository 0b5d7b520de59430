package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Inverted dropout with rate p: in {@link Mode#TRAIN} and {@link Mode#SAMPLE} each unit is kept with probability
 * 1 − p and the kept ones are scaled, y = x ∘ m with m_ij ∈ {0, 1/(1−p)}, so E[y] = x; in {@link Mode#MEAN} it
 * is the identity (the input matrix itself is returned). The mask is drawn from the stream passed to
 * {@link #forward} (one uniform u per unit, {@link Rng#fillUnitUniform}; the unit is dropped when u &lt; p) and the
 * backward pass multiplies by the same mask: dx = dy ∘ m. Buffers are reused across calls.
 */
public final class Dropout implements Layer {
    private static final long serialVersionUID = 1L;

    private final double rate;
    private transient float[] mask;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;
    private transient boolean masked;

    /** @param rate p, the probability of dropping a unit, in [0, 1) */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** @return p */
    public double rate() {
        return rate;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        masked = mode.stochastic() && rate > 0;
        if (!masked) {
            return x;
        }
        int n = x.getNumElements();
        output = Buffers.ensure(output, x.numRows, x.numCols);
        if (mask == null || mask.length < n) {
            mask = new float[n];
        }
        float p = (float) rate;
        float scale = (float) (1.0 / (1.0 - rate));
        int scaleBits = Float.floatToRawIntBits(scale);
        rng.fillUnitUniform(mask, 0, n);
        float[] in = x.data;
        float[] out = output.data;
        for (int i = 0; i < n; i++) {
            // u < p drops the unit; branch-free: u − p is negative exactly when u < p, and its sign bit, spread
            // over the word, clears the bits of the scale (a compare-and-branch mispredicts on a fraction p)
            int drop = Float.floatToRawIntBits(mask[i] - p) >> 31;
            float m = Float.intBitsToFloat(scaleBits & ~drop);
            mask[i] = m;
            out[i] = in[i] * m;
        }
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        if (!masked) {
            return g;
        }
        gradInput = Buffers.ensure(gradInput, g.numRows, g.numCols);
        float[] gi = g.data;
        float[] go = gradInput.data;
        for (int i = 0, n = g.getNumElements(); i < n; i++) {
            go[i] = gi[i] * mask[i];
        }
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return mode.stochastic() && rate > 0;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }
}
