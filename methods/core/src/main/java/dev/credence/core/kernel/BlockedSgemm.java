package dev.credence.core.kernel;

import java.util.Arrays;

/**
 * The cache-blocked driver around a {@link MicroKernel}, in the usual three-level scheme: a KC×NC block of B
 * is packed into NR-wide column panels, an MC×KC block of A into MR-high row panels (both zero-padded to whole
 * panels, into buffers of the calling thread's {@link Workspace} that are reused), and the micro-kernel sweeps
 * the MR×NR tiles of C. Edge tiles go through a full-size tile buffer, so the kernel never sees a partial tile.
 *
 * <p>Each element of C gets the chain {@code acc = fma(a_ip, b_pj, acc)} for p = 0 … k−1 in order: the first
 * K block starts from 0 (or from C when accumulating), later K blocks continue from what the previous one
 * stored. Blocking sizes, the tile shape and the output range a thread owns change only which elements are
 * computed together, never that chain, so results do not depend on them.
 */
final class BlockedSgemm implements GemmDriver {
    private final MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final int kcBlock;
    private final int mcBlock;
    private final int ncBlock;

    /**
     * @param kernel micro-kernel
     * @param kc     depth of a K block
     * @param mc     rows of an A block (rounded up to whole panels)
     * @param nc     columns of a B block (rounded up to whole panels)
     */
    BlockedSgemm(MicroKernel kernel, int kc, int mc, int nc) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.kcBlock = kc;
        this.mcBlock = roundUp(mc, mr);
        this.ncBlock = roundUp(nc, nr);
    }

    /** @return the micro-kernel */
    MicroKernel kernel() {
        return kernel;
    }

    /** Pack buffers and the edge tile of one thread; grown on first use, then reused. */
    static final class Workspace {
        float[] ap = new float[0];
        float[] bp = new float[0];
        float[] tile = new float[0];
    }

    @Override
    public void run(Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
             int i0, int i1, int j0, int j1, Workspace ws) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = i0; i < i1; i++) {
                    Arrays.fill(c, i * n + j0, i * n + j1, 0f);
                }
            }
            return;
        }
        // split K and the block's rows into equal blocks (784 = 4 × 196, not 3 × 256 + 16)
        int kcStep = ceilDiv(k, ceilDiv(k, kcBlock));
        int mcStep = roundUp(ceilDiv(i1 - i0, ceilDiv(i1 - i0, mcBlock)), mr);
        int apSize = mcStep * kcStep;
        int bpSize = Math.min(ncBlock, roundUp(j1 - j0, nr)) * kcStep;
        if (ws.ap.length < apSize) {
            ws.ap = new float[apSize];
        }
        if (ws.bp.length < bpSize) {
            ws.bp = new float[bpSize];
        }
        if (ws.tile.length < mr * nr) {
            ws.tile = new float[mr * nr];
        }
        float[] ap = ws.ap;
        float[] bp = ws.bp;
        for (int jc = j0; jc < j1; jc += ncBlock) {
            int nc = Math.min(ncBlock, j1 - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                boolean load = accumulate || pc > 0;
                packB(op, b, n, k, jc, nc, pc, kc, bp);
                for (int ic = i0; ic < i1; ic += mcStep) {
                    int mc = Math.min(mcStep, i1 - ic);
                    packA(op, a, m, k, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int bo = jr * kc;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int co = (ic + ir) * n + jc + jr;
                            if (rows == mr && cols == nr) {
                                kernel.compute(kc, ap, ir * kc, bp, bo, c, co, n, load);
                            } else {
                                edge(kc, ap, ir * kc, bp, bo, c, co, n, rows, cols, load, ws.tile);
                            }
                        }
                    }
                }
            }
        }
    }

    private void edge(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                      int rows, int cols, boolean load, float[] tile) {
        if (load) {
            Arrays.fill(tile, 0, mr * nr, 0f);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, co + r * ldc, tile, r * nr, cols);
            }
        }
        kernel.compute(kc, ap, ao, bp, bo, tile, 0, nr, load);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * nr, c, co + r * ldc, cols);
        }
    }

    /** Packs rows [ic, ic+mc) × depth [pc, pc+kc) of op(A) into MR-high panels: (r, p) at ir·kc + p·mr + r. */
    private void packA(Sgemm.Op op, float[] a, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int off = ir * kc;
            if (op == Sgemm.Op.TN) {
                // A stored k×m: a row of the panel is contiguous in A
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * m + ic + ir;
                    int dst = off + p * mr;
                    System.arraycopy(a, src, ap, dst, rows);
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {
                // A stored m×k: gather one row of A into a stride-mr column of the panel
                for (int r = 0; r < rows; r++) {
                    int src = (ic + ir + r) * k + pc;
                    for (int p = 0, dst = off + r; p < kc; p++, dst += mr) {
                        ap[dst] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0, dst = off + r; p < kc; p++, dst += mr) {
                        ap[dst] = 0f;
                    }
                }
            }
        }
    }

    /** Packs depth [pc, pc+kc) × columns [jc, jc+nc) of op(B) into NR-wide panels: (p, j) at jr·kc + p·nr + j. */
    private void packB(Sgemm.Op op, float[] b, int n, int k, int jc, int nc, int pc, int kc, float[] bp) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int off = jr * kc;
            if (op == Sgemm.Op.NT) {
                // B stored n×k: gather one row of B into a stride-nr column of the panel
                for (int j = 0; j < cols; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = 0, dst = off + j; p < kc; p++, dst += nr) {
                        bp[dst] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0, dst = off + j; p < kc; p++, dst += nr) {
                        bp[dst] = 0f;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + jc + jr;
                    int dst = off + p * nr;
                    System.arraycopy(b, src, bp, dst, cols);
                    if (cols < nr) {
                        Arrays.fill(bp, dst + cols, dst + nr, 0f);
                    }
                }
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
