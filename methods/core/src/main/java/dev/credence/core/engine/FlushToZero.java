package dev.credence.core.engine;

/**
 * What the optimisers store as exactly zero, so that training never computes with subnormal floats.
 *
 * <p>Why: under Adam (or SGD) with L2 weight decay, a weight whose data gradient is exactly zero — a first-layer
 * weight of an input that is zero in every training row (a border pixel of Fashion-MNIST), or a weight leaving a dead
 * unit — oscillates around zero with a geometrically shrinking amplitude, since Adam's second moment remembers its
 * larger past gradients. Within a few thousand steps tens of thousands of such weights reach 10⁻³⁰ and below, and the
 * backward GEMM multiplies them by gradients into subnormal products (below 2⁻¹²⁶ ≈ 1.2·10⁻³⁸). x86 cores compute
 * subnormal operands and results through a microcode assist of about a hundred cycles, and Java cannot set the FTZ/DAZ
 * flags that TensorFlow sets by default and PyTorch offers ({@code torch.set_flush_denormal}): one FMNIST-LT MAP
 * epoch grew from 0.5 s to 10–30 s. The rule, applied after every update:
 * <ul>
 *   <li>optimizer state (Adam's m and v, SGD's momentum buffer): a subnormal value is stored as 0;</li>
 *   <li>weights: a value smaller in magnitude than 2⁻⁶⁴ (≈ 5.4·10⁻²⁰) times the largest magnitude in its tensor is
 *   stored as 0. Its term in any sum it enters is 2⁻⁶⁴ of what the tensor's largest weight would add from the same
 *   input, far below float precision (2⁻²⁴), so the network computes the same function; its own gradient is then
 *   the data gradient alone, as for any weight at 0.</li>
 * </ul>
 */
public final class FlushToZero {
    /** The relative size below which a weight is stored as 0: 2⁻⁶⁴. */
    public static final float RELATIVE_WEIGHT_THRESHOLD = 0x1p-64f;

    private FlushToZero() {
    }

    /**
     * @param x a value of optimizer state
     * @return 0 for a subnormal {@code x}, else {@code x}
     */
    static float state(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /**
     * Stores as 0 every weight smaller in magnitude than {@link #RELATIVE_WEIGHT_THRESHOLD} times the largest.
     *
     * @param w a tensor's values, updated in place
     */
    static void weights(float[] w) {
        float max = 0f;
        for (float x : w) {
            max = Math.max(max, Math.abs(x));
        }
        float threshold = Math.max(max * RELATIVE_WEIGHT_THRESHOLD, Float.MIN_NORMAL);
        for (int j = 0; j < w.length; j++) {
            if (Math.abs(w[j]) < threshold) {
                w[j] = 0f;
            }
        }
    }
}
