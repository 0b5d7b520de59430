package dev.credence.core.bayes;

import dev.credence.core.random.Rng;

import java.io.Serializable;

/**
 * How a {@link FlipoutLayer} lays its random signs over the rows of its input and output. A Flipout sign pattern
 * must give each <em>example</em> its own signs, s_n on the inputs and r_n on the outputs, so that example n sees
 * the weights μ + ΔW∘(s_n r_nᵀ), and the examples are pseudo-independent. For a dense layer every row is an
 * example ({@link #PER_ROW}); a convolution lays its signs over its column matrices itself ({@link FlipoutPatchMap}).
 */
public interface FlipoutSigns extends Serializable {

    /**
     * Fresh signs of one training pass, each entry ±1: draws from {@code rng} and writes the row-major sign matrices
     * S (rows×in, multiplying the input) and R (rows×out, multiplying the perturbation's output).
     *
     * @param rng         stream
     * @param inputSigns  receives S, at least rows·in long
     * @param outputSigns receives R, at least rows·out long
     * @param rows        rows of the pass
     * @param in          input width
     * @param out         output width
     */
    void fill(Rng rng, float[] inputSigns, float[] outputSigns, int rows, int in, int out);

    /**
     * Every row is an example: S then R, each entry an independent sign ({@link Rng#fillSigns}), rows·in + rows·out
     * draws in that order.
     */
    FlipoutSigns PER_ROW = new PerRow();

    /** The class of {@link #PER_ROW}, which a deserialised copy resolves to. */
    final class PerRow implements FlipoutSigns {
        private static final long serialVersionUID = 1L;

        private PerRow() {
        }

        private Object readResolve() {
            return PER_ROW;
        }

        @Override
        public void fill(Rng rng, float[] inputSigns, float[] outputSigns, int rows, int in, int out) {
            rng.fillSigns(inputSigns, 0, rows * in);
            rng.fillSigns(outputSigns, 0, rows * out);
        }
    }
}
