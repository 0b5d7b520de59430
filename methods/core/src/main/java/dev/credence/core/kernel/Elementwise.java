package dev.credence.core.kernel;

/**
 * Element-wise float kernels over whole arrays: a block-parallel standard-normal generator, the softplus /
 * sigmoid pair of Gaussian weight posteriors, and the row broadcasts of a bias and its gradient. Two implementations exist, one on the JDK Vector API and a scalar
 * fallback ({@link ElementwiseKernels} picks one); they apply the same IEEE operations (+, −, ×, ÷, fma, sqrt and
 * bit manipulation, never a library exp/log/sin) to every element, so their results are bit-identical.
 */
public interface Elementwise {
    /** Independent generator lanes, fixed (not the hardware vector width) so results never depend on it. */
    int LANES = 16;
    /** Normal values per block: one Box–Muller pair per lane. */
    int BLOCK = 2 * LANES;
    /** Ints of generator state: four xoshiro128** words per lane, stored word-major (word w of lane l at w·16 + l). */
    int STATE_INTS = 4 * LANES;

    /**
     * Advances the generator {@code blocks} times: per block every lane takes two xoshiro128** steps and writes its
     * two 32-bit outputs, lane l's first at {@code bits[b·32 + l]} and its second at {@code bits[b·32 + 16 + l]}.
     * (Kept apart from the transforms below so each kernel stays small enough for C2 to compile its vectors into
     * registers.)
     *
     * @param state  the 64-int generator state, advanced in place
     * @param bits   receives {@code blocks · 32} ints from index 0
     * @param blocks number of blocks
     */
    void randomBits(int[] state, int[] bits, int blocks);

    /**
     * Box–Muller on blocks of {@link #randomBits} output: with the first draw giving u1 ∈ (0, 1] and the second
     * u2 ∈ [0, 1) (24 bits each), entry l of a block gets √(−2 ln u1)·cos(2πu2) at {@code offset + b·32 + l} and
     * √(−2 ln u1)·sin(2πu2) at {@code offset + b·32 + 16 + l}.
     *
     * @param bits   raw draws
     * @param out    target
     * @param offset first index of the first block
     * @param blocks number of blocks (each {@value #BLOCK} values)
     */
    void normalsFromBits(int[] bits, float[] out, int offset, int blocks);

    /**
     * Uniform values in [0, 1) on the 2⁻²⁴ grid, (bits &gt;&gt;&gt; 8)·2⁻²⁴, from blocks of {@link #randomBits} output,
     * in the same positions.
     *
     * @param bits   raw draws
     * @param out    target
     * @param offset first index of the first block
     * @param blocks number of blocks (each {@value #BLOCK} values)
     */
    void uniformsFromBits(int[] bits, float[] out, int offset, int blocks);

    /**
     * {@link #randomBits} then {@link #normalsFromBits} (allocates its scratch; streams keep their own).
     *
     * @param state  the generator state, advanced in place
     * @param out    target
     * @param offset first index
     * @param blocks number of blocks
     */
    default void gaussianBlocks(int[] state, float[] out, int offset, int blocks) {
        int[] bits = new int[blocks * BLOCK];
        randomBits(state, bits, blocks);
        normalsFromBits(bits, out, offset, blocks);
    }

    /**
     * σ = softplus(ρ) = ln(1 + e^ρ) and σ' = sigmoid(ρ) = 1/(1 + e^−ρ), both to a few ulp, for indices
     * {@code from..to-1}; optionally also σ².
     *
     * @param rho        ρ
     * @param sigma      receives σ
     * @param sigmaPrime receives σ'
     * @param variance   receives σ², or null
     * @param from       first index
     * @param to         end index (exclusive)
     */
    void softplusSigmoid(float[] rho, float[] sigma, float[] sigmaPrime, float[] variance, int from, int to);

    /**
     * Adds the gradient of the closed-form KL(N(μ, σ²) ‖ N(0, σ_p²)) for indices {@code from..to-1}, in float:
     * gMu += a·μ and gRho += (a·σ − b/σ)·σ' with a = b/σ_p², b the gradient scale (both fused multiply-adds).
     *
     * @param sigma      σ (&gt; 0)
     * @param sigmaPrime σ' = dσ/dρ
     * @param mu         μ
     * @param gMu        accumulates dKL/dμ
     * @param gRho       accumulates dKL/dρ
     * @param a          b/σ_p²
     * @param b          the gradient scale
     * @param from       first index
     * @param to         end index (exclusive)
     */
    void gaussianKlGradients(float[] sigma, float[] sigmaPrime, float[] mu, float[] gMu, float[] gRho, float a, float b,
                             int from, int to);

    /**
     * m[r·cols + c] += v[c] for every r &lt; rows, c &lt; cols: a bias added to each row.
     *
     * @param m    row-major matrix
     * @param rows rows
     * @param cols columns (= length used of v)
     * @param v    the row vector
     */
    void addToRows(float[] m, int rows, int cols, float[] v);

    /**
     * acc[c] += Σ_r m[r·cols + c], adding rows 0, 1, 2, … in turn: a bias gradient.
     *
     * @param m    row-major matrix
     * @param rows rows
     * @param cols columns
     * @param acc  accumulator of length ≥ cols
     */
    void addColumnSums(float[] m, int rows, int cols, float[] acc);

    /** @return a short name, e.g. "vector-512" or "scalar" */
    String describe();
}
