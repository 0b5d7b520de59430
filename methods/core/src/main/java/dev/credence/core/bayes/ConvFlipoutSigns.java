package dev.credence.core.bayes;

import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.random.Rng;

/**
 * Flipout's signs for a convolution (Wen, Vicol, Ba, Tran &amp; Grosse 2018, §3.2): example n gets one sign per input
 * channel, s_n ∈ {±1}^C, and one per output channel, r_n ∈ {±1}^C_out, shared by every spatial position, so that
 * y_n = conv(x_n, μ) + b + conv(x_n∘s_n, ΔW)∘r_n with s_n and r_n broadcast over the image; example n thus sees the
 * kernels μ + ΔW∘(s_n r_nᵀ), one kernel draw for the whole image. Draws: s of every image (B·C signs), then r
 * (B·C_out), in image order.
 *
 * <p>On the im2col rows (P per image, B·P in all) the pattern is expanded: row b·P + p of S holds s_b[c] at every
 * column c·kh·kw + t of channel c (a padding zero times a sign is still zero), row b·P + p of R holds r_b. The
 * expanded S and R are B·P·K and B·P·C_out floats, the Flipout layer's sign buffers; the compact draws add B·(C +
 * C_out) floats.
 */
public final class ConvFlipoutSigns implements FlipoutSigns {
    private static final long serialVersionUID = 1L;

    private final ConvGeometry geometry;
    private transient float[] channelSigns;
    private transient float[] filterSigns;

    /** @param geometry the convolution's sizes */
    public ConvFlipoutSigns(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public void fill(Rng rng, float[] inputSigns, float[] outputSigns, int rows, int in, int out) {
        int positions = geometry.positions();
        int channels = geometry.inChannels();
        int filters = geometry.outChannels();
        if (rows % positions != 0 || in != geometry.patchSize() || out != filters) {
            throw new IllegalArgumentException("the Flipout signs of " + geometry + " need rows of whole images ("
                    + positions + " per image), " + geometry.patchSize() + " inputs and " + filters + " outputs, got "
                    + rows + ", " + in + ", " + out);
        }
        int batch = rows / positions;
        if (channelSigns == null || channelSigns.length < batch * channels) {
            channelSigns = new float[batch * channels];
        }
        if (filterSigns == null || filterSigns.length < batch * filters) {
            filterSigns = new float[batch * filters];
        }
        rng.fillSigns(channelSigns, 0, batch * channels);
        rng.fillSigns(filterSigns, 0, batch * filters);
        int taps = geometry.kernelH() * geometry.kernelW();
        int row = 0;
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < positions; p++, row++) {
                int at = row * in;
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(inputSigns, at, at + taps, channelSigns[b * channels + c]);
                    at += taps;
                }
                System.arraycopy(filterSigns, b * filters, outputSigns, row * out, filters);
            }
        }
    }
}
