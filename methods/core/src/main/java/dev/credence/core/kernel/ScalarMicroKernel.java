package dev.credence.core.kernel;

/**
 * The portable micro-kernel for JVMs started without {@code --add-modules jdk.incubator.vector}: a 4×4 tile of
 * scalar {@link Math#fma} accumulators held in local variables (registers). Same operations in the same order as
 * {@link VectorMicroKernel}, hence bit-identical results; about 11 GFLOP/s on 2 threads, some 20× slower.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String describe() {
        return "scalar-fma " + MR + "x" + NR;
    }

    @Override
    public void compute(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean load) {
        float c00 = load ? c[co] : 0f;
        float c01 = load ? c[co + 1] : 0f;
        float c02 = load ? c[co + 2] : 0f;
        float c03 = load ? c[co + 3] : 0f;
        float c10 = load ? c[co + 1 * ldc] : 0f;
        float c11 = load ? c[co + 1 * ldc + 1] : 0f;
        float c12 = load ? c[co + 1 * ldc + 2] : 0f;
        float c13 = load ? c[co + 1 * ldc + 3] : 0f;
        float c20 = load ? c[co + 2 * ldc] : 0f;
        float c21 = load ? c[co + 2 * ldc + 1] : 0f;
        float c22 = load ? c[co + 2 * ldc + 2] : 0f;
        float c23 = load ? c[co + 2 * ldc + 3] : 0f;
        float c30 = load ? c[co + 3 * ldc] : 0f;
        float c31 = load ? c[co + 3 * ldc + 1] : 0f;
        float c32 = load ? c[co + 3 * ldc + 2] : 0f;
        float c33 = load ? c[co + 3 * ldc + 3] : 0f;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            float b0 = b[bo];
            float b1 = b[bo + 1];
            float b2 = b[bo + 2];
            float b3 = b[bo + 3];
            float a0 = a[ao];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01); c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            float a1 = a[ao + 1];
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11); c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            float a2 = a[ao + 2];
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21); c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            float a3 = a[ao + 3];
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31); c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        c[co] = c00;
        c[co + 1] = c01;
        c[co + 2] = c02;
        c[co + 3] = c03;
        c[co + 1 * ldc] = c10;
        c[co + 1 * ldc + 1] = c11;
        c[co + 1 * ldc + 2] = c12;
        c[co + 1 * ldc + 3] = c13;
        c[co + 2 * ldc] = c20;
        c[co + 2 * ldc + 1] = c21;
        c[co + 2 * ldc + 2] = c22;
        c[co + 2 * ldc + 3] = c23;
        c[co + 3 * ldc] = c30;
        c[co + 3 * ldc + 1] = c31;
        c[co + 3 * ldc + 2] = c32;
        c[co + 3 * ldc + 3] = c33;
    }
}
