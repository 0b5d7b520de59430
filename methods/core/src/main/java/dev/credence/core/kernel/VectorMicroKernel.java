package dev.credence.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled micro-kernels on the JDK Vector API ({@code jdk.incubator.vector}). The species is
 * {@link FloatVector#SPECIES_PREFERRED}, fixed when this class loads; a tile is {@code mr} rows × {@code nv}
 * vectors. Each lane is an independent chain of fused multiply-adds in p order, so the vector width changes
 * which elements are computed together but never the operations applied to any one of them.
 *
 * <p>Two tiles: 8 rows × 2 vectors (16 accumulators, for the 32 vector registers of AVX-512) and 6 × 2 (12
 * accumulators, for the 16 registers of AVX2/SSE). On the 2-core EPYC, 8×32 reached about 150–200 GFLOP/s per
 * core with packed panels in L1; 6×32, 12×32, 4×48, 8×48 and 4×64 were measured too and were no better.
 *
 * <p>Trap, measured: the accumulators must start from {@code FloatVector.zero(S)} (or a load), not from a
 * {@code static final} zero vector. A constant vector object meeting freshly computed vectors in the same
 * variable stops C2 from keeping them in registers; every step then allocates, about 30× slower.
 *
 * <p>Loaded by name through {@link VectorChoice} once it has checked that the incubator module is in the boot layer; referencing
 * this class on a JVM without it would raise {@link NoClassDefFoundError}.
 */
final class VectorMicroKernel implements MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private final int mr;
    private final int nv;

    /**
     * @param mr tile rows
     * @param nv tile width in vectors
     */
    VectorMicroKernel(int mr, int nv) {
        this.mr = mr;
        this.nv = nv;
    }

    /** @return 8×2 vectors when there are 16 lanes (AVX-512), else 6×2 vectors */
    static MicroKernel create() {
        return L >= 16 ? new VectorMicroKernel(8, 2) : new VectorMicroKernel(6, 2);
    }

    /** @return lanes per vector of the fixed species */
    static int lanes() {
        return L;
    }

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return nv * L;
    }

    @Override
    public String describe() {
        return "vector-" + S.vectorBitSize() + " " + mr + "x" + nv * L;
    }

    @Override
    public void compute(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean load) {
        switch (mr * 10 + nv) {
            case 62 -> k6x2(kc, a, ao, b, bo, c, co, ldc, load);
            case 82 -> k8x2(kc, a, ao, b, bo, c, co, ldc, load);
            default -> throw new IllegalStateException("no kernel " + mr + "x" + nv);
        }
    }

    /** 6 rows × 2 vectors. */
    static void k6x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(S, c, co) : FloatVector.zero(S);
        FloatVector c01 = load ? FloatVector.fromArray(S, c, co + 1 * L) : FloatVector.zero(S);
        FloatVector c10 = load ? FloatVector.fromArray(S, c, co + 1 * ldc) : FloatVector.zero(S);
        FloatVector c11 = load ? FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c20 = load ? FloatVector.fromArray(S, c, co + 2 * ldc) : FloatVector.zero(S);
        FloatVector c21 = load ? FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c30 = load ? FloatVector.fromArray(S, c, co + 3 * ldc) : FloatVector.zero(S);
        FloatVector c31 = load ? FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c40 = load ? FloatVector.fromArray(S, c, co + 4 * ldc) : FloatVector.zero(S);
        FloatVector c41 = load ? FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c50 = load ? FloatVector.fromArray(S, c, co + 5 * ldc) : FloatVector.zero(S);
        FloatVector c51 = load ? FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += 6, bo += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 1 * L);
        c10.intoArray(c, co + 1 * ldc);
        c11.intoArray(c, co + 1 * ldc + 1 * L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 1 * L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 1 * L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + 1 * L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + 1 * L);
    }

    /** 8 rows × 2 vectors. */
    static void k8x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean load) {
        FloatVector c00 = load ? FloatVector.fromArray(S, c, co) : FloatVector.zero(S);
        FloatVector c01 = load ? FloatVector.fromArray(S, c, co + 1 * L) : FloatVector.zero(S);
        FloatVector c10 = load ? FloatVector.fromArray(S, c, co + 1 * ldc) : FloatVector.zero(S);
        FloatVector c11 = load ? FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c20 = load ? FloatVector.fromArray(S, c, co + 2 * ldc) : FloatVector.zero(S);
        FloatVector c21 = load ? FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c30 = load ? FloatVector.fromArray(S, c, co + 3 * ldc) : FloatVector.zero(S);
        FloatVector c31 = load ? FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c40 = load ? FloatVector.fromArray(S, c, co + 4 * ldc) : FloatVector.zero(S);
        FloatVector c41 = load ? FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c50 = load ? FloatVector.fromArray(S, c, co + 5 * ldc) : FloatVector.zero(S);
        FloatVector c51 = load ? FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c60 = load ? FloatVector.fromArray(S, c, co + 6 * ldc) : FloatVector.zero(S);
        FloatVector c61 = load ? FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L) : FloatVector.zero(S);
        FloatVector c70 = load ? FloatVector.fromArray(S, c, co + 7 * ldc) : FloatVector.zero(S);
        FloatVector c71 = load ? FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L) : FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += 8, bo += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 1 * L);
        c10.intoArray(c, co + 1 * ldc);
        c11.intoArray(c, co + 1 * ldc + 1 * L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 1 * L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 1 * L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + 1 * L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + 1 * L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + 1 * L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + 1 * L);
    }

}
