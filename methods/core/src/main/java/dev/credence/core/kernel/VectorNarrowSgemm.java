package dev.credence.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Products whose C is narrower than a micro-kernel tile (an output layer's 10 classes against a 32-wide tile):
 * no packing of A, no zero-padded tile. op(B) is copied once into rows padded to whole vectors (transposed for
 * {@link Sgemm.Op#NT}); then, for each vector-wide column chunk, four rows of C at a time are accumulated in
 * registers straight from A's stored layout, one broadcast and fused multiply-add per element of A (about twice as
 * fast as the blocked driver on the output layer's products: experiments/bench/README.md).
 *
 * <p>Each lane's accumulator starts from 0 (or C) and takes fma(a_ip, b_pj, acc) for p = 0 … k−1, the same chain
 * as every {@link GemmDriver}. Works on whole rows only (columns j0 … j1 must be 0 … n).
 *
 * <p>Loaded by name through {@link VectorChoice} once it has checked that the incubator module is in the boot layer.
 */
final class VectorNarrowSgemm implements GemmDriver {
    private static final VectorSpecies<Float> S = VectorMicroKernel.S;
    private static final int L = VectorMicroKernel.L;
    private static final int ROWS = 4;

    /** @return a driver (selected and warmed up by {@link Sgemm} through {@link VectorChoice}) */
    static GemmDriver create() {
        return new VectorNarrowSgemm();
    }

    @Override
    public void run(Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
                    int i0, int i1, int j0, int j1, BlockedSgemm.Workspace ws) {
        if (j0 != 0 || j1 != n) {
            throw new IllegalArgumentException("the narrow driver computes whole rows");
        }
        if (i0 >= i1 || n == 0) {
            return;
        }
        int np = (n + L - 1) / L * L;
        if (ws.bp.length < k * np) {
            ws.bp = new float[k * np];
        }
        if (ws.tile.length < ROWS * L) {
            ws.tile = new float[Math.max(ROWS * L, ws.tile.length)];
        }
        float[] bp = ws.bp;
        padB(op, n, k, b, np, bp);
        // element (i, p) of op(A) is at a[i·rowStride + p·depthStride]
        int rowStride = op == Sgemm.Op.TN ? 1 : k;
        int depthStride = op == Sgemm.Op.TN ? m : 1;
        float[] tile = ws.tile;
        for (int j = 0; j < n; j += L) {
            int width = Math.min(L, n - j);
            int i = i0;
            for (; i + ROWS <= i1; i += ROWS) {
                fourRows(k, a, i * rowStride, rowStride, depthStride, bp, j, np, c, i * n + j, n, width, accumulate, tile);
            }
            for (; i < i1; i++) {
                oneRow(k, a, i * rowStride, depthStride, bp, j, np, c, i * n + j, width, accumulate, tile);
            }
        }
    }

    private static void padB(Sgemm.Op op, int n, int k, float[] b, int np, float[] bp) {
        for (int p = 0; p < k; p++) {
            int dst = p * np;
            if (op == Sgemm.Op.NT) {
                for (int j = 0; j < n; j++) {
                    bp[dst + j] = b[j * k + p];
                }
            } else {
                System.arraycopy(b, p * n, bp, dst, n);
            }
            Arrays.fill(bp, dst + n, dst + np, 0f);
        }
    }

    private static void fourRows(int k, float[] a, int ao, int rowStride, int depthStride, float[] bp, int j, int np,
                                 float[] c, int co, int ldc, int width, boolean load, float[] tile) {
        // the accumulators start from C or 0 through intrinsics alone, no helper returning a vector: a helper that C2
        // has not inlined (a cold 'load' branch) returns a boxed vector, and the merge boxes every update of the loop
        boolean whole = width == L;
        float[] src = whole ? c : tile;
        int s0 = whole ? co : 0;
        int s1 = whole ? co + ldc : L;
        int s2 = whole ? co + 2 * ldc : 2 * L;
        int s3 = whole ? co + 3 * ldc : 3 * L;
        if (load && !whole) {
            stage(c, co, ldc, width, ROWS, tile);
        }
        FloatVector c0 = load ? FloatVector.fromArray(S, src, s0) : FloatVector.zero(S);
        FloatVector c1 = load ? FloatVector.fromArray(S, src, s1) : FloatVector.zero(S);
        FloatVector c2 = load ? FloatVector.fromArray(S, src, s2) : FloatVector.zero(S);
        FloatVector c3 = load ? FloatVector.fromArray(S, src, s3) : FloatVector.zero(S);
        int a0 = ao;
        int a1 = ao + rowStride;
        int a2 = ao + 2 * rowStride;
        int a3 = ao + 3 * rowStride;
        for (int p = 0, bo = j, ap = 0; p < k; p++, bo += np, ap += depthStride) {
            FloatVector bv = FloatVector.fromArray(S, bp, bo);
            c0 = FloatVector.broadcast(S, a[a0 + ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ap]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ap]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ap]).fma(bv, c3);
        }
        storeC(c0, c, co, width, tile);
        storeC(c1, c, co + ldc, width, tile);
        storeC(c2, c, co + 2 * ldc, width, tile);
        storeC(c3, c, co + 3 * ldc, width, tile);
    }

    private static void oneRow(int k, float[] a, int ao, int depthStride, float[] bp, int j, int np,
                               float[] c, int co, int width, boolean load, float[] tile) {
        boolean whole = width == L;
        if (load && !whole) {
            stage(c, co, 0, width, 1, tile);
        }
        FloatVector acc = load ? FloatVector.fromArray(S, whole ? c : tile, whole ? co : 0) : FloatVector.zero(S);
        for (int p = 0, bo = j, ap = ao; p < k; p++, bo += np, ap += depthStride) {
            acc = FloatVector.broadcast(S, a[ap]).fma(FloatVector.fromArray(S, bp, bo), acc);
        }
        storeC(acc, c, co, width, tile);
    }

    /**
     * Copies {@code rows} partial rows of C ({@code width} &lt; L values each, {@code ldc} apart) into the tile, row r at
     * r·L. Lanes past the width keep stale values: B is zero-padded there, so they stay stale, and are never stored.
     */
    private static void stage(float[] c, int co, int ldc, int width, int rows, float[] tile) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, co + r * ldc, tile, r * L, width);
        }
    }

    private static void storeC(FloatVector v, float[] c, int co, int width, float[] tile) {
        if (width == L) {
            v.intoArray(c, co);
            return;
        }
        v.intoArray(tile, 0);
        System.arraycopy(tile, 0, c, co, width);
    }
}
