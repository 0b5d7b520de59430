package dev.credence.core.kernel;

/**
 * The innermost block of the blocked SGEMM: an {@code mr × nr} tile of C updated from packed panels.
 *
 * <p>Contract shared by every implementation, which is what makes their results bit-identical: for each tile
 * element the accumulator starts at 0 (or at the value found in C when {@code load} is set) and then takes
 * {@code acc = fma(a[p], b[p], acc)} for p = 0, 1, …, kc−1 in that order, one fused multiply-add per step.
 */
interface MicroKernel {

    /** @return tile rows (rows of a packed A panel) */
    int mr();

    /** @return tile columns (columns of a packed B panel) */
    int nr();

    /** @return a short name for reports, e.g. "vector-512 12x32" */
    String describe();

    /**
     * C[co + r·ldc + j] for r &lt; mr, j &lt; nr (all of them valid: edge tiles go through a full-size buffer).
     *
     * @param kc   depth of this block
     * @param a    packed A: element (r, p) at {@code ao + p·mr + r}
     * @param ao   offset of the panel
     * @param b    packed B: element (p, j) at {@code bo + p·nr + j}
     * @param bo   offset of the panel
     * @param c    output
     * @param co   offset of the tile's first element
     * @param ldc  row stride of C
     * @param load true: start from the values in C; false: start from zero (C is only written)
     */
    void compute(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean load);
}
