package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Spatial (channel-wise) inverted dropout with rate p on B×(C·P) NCHW rows (Tompson et al. 2015): in
 * {@link Mode#TRAIN} and {@link Mode#SAMPLE} each channel of each example is kept whole with probability 1 − p and
 * scaled by 1/(1 − p), so all P positions of a channel share one mask value m_bc ∈ {0, 1/(1−p)}; in
 * {@link Mode#MEAN} it is the identity. The B·C uniforms come from the stream passed to {@link #forward}
 * ({@link Rng#fillUnitUniform}, channel dropped when u &lt; p); backward is dx = dy ∘ m. Buffers are reused.
 */
public final class ChannelDropout implements Layer {
    private static final long serialVersionUID = 1L;

    private final double rate;
    private final int channels;
    private final int positions;
    private transient float[] mask;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;
    private transient boolean masked;

    /**
     * @param rate      p, in [0, 1)
     * @param channels  C
     * @param positions P = H·W per channel
     */
    public ChannelDropout(double rate, int channels, int positions) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        if (channels < 1 || positions < 1) {
            throw new IllegalArgumentException("channel dropout needs ≥ 1 channel and position, got " + channels + "×" + positions);
        }
        this.rate = rate;
        this.channels = channels;
        this.positions = positions;
    }

    /** @return p */
    public double rate() {
        return rate;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        outputSize(x.numCols);
        masked = mode.stochastic() && rate > 0;
        if (!masked) {
            return x;
        }
        int units = x.numRows * channels;
        output = Buffers.ensure(output, x.numRows, x.numCols);
        if (mask == null || mask.length < units) {
            mask = new float[units];
        }
        float p = (float) rate;
        float scale = (float) (1.0 / (1.0 - rate));
        rng.fillUnitUniform(mask, 0, units);
        for (int u = 0; u < units; u++) {
            mask[u] = mask[u] < p ? 0f : scale;
        }
        scale(x.data, units, output.data);
        return output;
    }

    private void scale(float[] in, int units, float[] out) {
        for (int u = 0, at = 0; u < units; u++) {
            float m = mask[u];
            for (int end = at + positions; at < end; at++) {
                out[at] = in[at] * m;
            }
        }
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
        scale(g.data, g.numRows * channels, gradInput.data);
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return mode.stochastic() && rate > 0;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != channels * positions) {
            throw new IllegalArgumentException("channel dropout over " + channels + "×" + positions + " expects "
                    + channels * positions + " inputs, got " + inputSize);
        }
        return inputSize;
    }
}
