package dev.credence.core.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every product against a double-precision reference (within the rounding bound of a length-k chain) and
 * against the exact fused chain the kernel promises (bit for bit), on odd shapes, for both micro-kernels,
 * several blockings and several thread counts. No timing here: speed is measured by {@code bench --kernel}.
 */
class SgemmTest {

    /** m, n, k triples: tiny, odd, not multiples of any vector width, and crossing the K/M/N block edges. */
    static final int[][] SHAPES = {
            {1, 1, 1}, {3, 7, 5}, {1, 33, 17}, {17, 1, 9}, {5, 3, 0}, {13, 47, 300}, {129, 401, 785}, {200, 10, 128},
    };

    static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    static float opA(Sgemm.Op op, float[] a, int m, int k, int i, int p) {
        return op == Sgemm.Op.TN ? a[p * m + i] : a[i * k + p];
    }

    static float opB(Sgemm.Op op, float[] b, int n, int k, int p, int j) {
        return op == Sgemm.Op.NT ? b[j * k + p] : b[p * n + j];
    }

    /** The chain the kernel promises: acc = fma(a, b, acc) over p in order, from 0 or from c0. */
    static float[] fmaChain(Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c0) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = c0 == null ? 0f : c0[i * n + j];
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(opA(op, a, m, k, i, p), opB(op, b, n, k, p, j), acc);
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    /** Checks c against the product in double within γ_(k+1)·(Σ|a·b| + |c0|), the float rounding bound. */
    static void assertCloseToDouble(Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c0, float[] c) {
        double u = Math.ulp(1f) / 2;
        double gamma = (k + 1) * u / (1 - (k + 1) * u);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = c0 == null ? 0 : c0[i * n + j];
                double magnitude = Math.abs(exact);
                for (int p = 0; p < k; p++) {
                    double t = (double) opA(op, a, m, k, i, p) * opB(op, b, n, k, p, j);
                    exact += t;
                    magnitude += Math.abs(t);
                }
                double err = Math.abs(c[i * n + j] - exact);
                if (err > gamma * magnitude + Float.MIN_NORMAL) {
                    fail(op + " " + m + "×" + n + "×" + k + " at (" + i + "," + j + "): " + c[i * n + j]
                            + " vs " + exact + ", error " + err + " > " + gamma * magnitude);
                }
            }
        }
    }

    static List<BlockedSgemm> implementations() {
        List<MicroKernel> kernels = new ArrayList<>();
        kernels.add(new ScalarMicroKernel());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            kernels.add(new VectorMicroKernel(6, 2));
            kernels.add(new VectorMicroKernel(8, 2));
            kernels.add(Sgemm.selectKernel());
        }
        List<BlockedSgemm> impls = new ArrayList<>();
        for (MicroKernel k : kernels) {
            impls.add(new BlockedSgemm(k, Sgemm.KC, Sgemm.MC, Sgemm.NC));
            impls.add(new BlockedSgemm(k, 7, 5, 3)); // tiny blocks: many K, M and N blocks and edge tiles
        }
        return impls;
    }

    @Test
    void everyProductMatchesTheReferenceOnOddShapes() {
        long seed = 1;
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (Sgemm.Op op : Sgemm.Op.values()) {
                float[] a = random(m * k, seed++);
                float[] b = random(k * n, seed++);
                float[] c0 = random(m * n, seed++);
                float[] chain = fmaChain(op, m, n, k, a, b, null);
                float[] chainAcc = fmaChain(op, m, n, k, a, b, c0);
                assertCloseToDouble(op, m, n, k, a, b, null, chain);
                assertCloseToDouble(op, m, n, k, a, b, c0, chainAcc);
                for (BlockedSgemm impl : implementations()) {
                    for (int threads : new int[]{1, 2, 3}) {
                        String what = op + " " + m + "×" + n + "×" + k + " " + impl.kernel().describe()
                                + ", " + threads + " threads";
                        float[] c = random(m * n + 5, 99); // stale values must be overwritten
                        float[] tail = Arrays.copyOfRange(c, m * n, m * n + 5);
                        Sgemm.run(impl, threads, op, m, n, k, a, b, c, false);
                        assertArrayEquals(chain, Arrays.copyOf(c, m * n), what);
                        assertArrayEquals(tail, Arrays.copyOfRange(c, m * n, m * n + 5), what + ": wrote past m·n");
                        float[] acc = Arrays.copyOf(c0, m * n);
                        Sgemm.run(impl, threads, op, m, n, k, a, b, acc, true);
                        assertArrayEquals(chainAcc, acc, what + ", accumulating");
                    }
                }
            }
        }
    }

    @Test
    void theNarrowDriverGivesTheExactChainForEveryWidthBelowATile() {
        GemmDriver narrow = Sgemm.narrowDriver();
        if (!Sgemm.vectorized()) {
            return; // scalar JVM: narrow products go through the blocked driver, covered above
        }
        assertTrue(narrow != null, "the Vector API is there, so the narrow driver must load");
        long seed = 500;
        for (int n = 1; n < 2 * VectorMicroKernel.lanes() + 3; n++) {
            for (int[] mk : new int[][]{{1, 1}, {3, 5}, {4, 9}, {13, 64}, {130, 401}}) {
                int m = mk[0];
                int k = mk[1];
                for (Sgemm.Op op : Sgemm.Op.values()) {
                    float[] a = random(m * k, seed++);
                    float[] b = random(k * n, seed++);
                    float[] c0 = random(m * n, seed++);
                    for (int threads : new int[]{1, 2, 3}) {
                        String what = "narrow " + op + " " + m + "×" + n + "×" + k + ", " + threads + " threads";
                        float[] c = random(m * n + 5, 99);
                        float[] tail = Arrays.copyOfRange(c, m * n, m * n + 5);
                        Sgemm.runNarrow(narrow, threads, op, m, n, k, a, b, c, false);
                        assertArrayEquals(fmaChain(op, m, n, k, a, b, null), Arrays.copyOf(c, m * n), what);
                        assertArrayEquals(tail, Arrays.copyOfRange(c, m * n, m * n + 5), what + ": wrote past m·n");
                        float[] acc = Arrays.copyOf(c0, m * n);
                        Sgemm.runNarrow(narrow, threads, op, m, n, k, a, b, acc, true);
                        assertArrayEquals(fmaChain(op, m, n, k, a, b, c0), acc, what + ", accumulating");
                    }
                }
            }
        }
    }

    @Test
    void resultsAreBitIdenticalAcrossCallsThreadsAndKernels() {
        int m = 128;
        int n = 400;
        int k = 784;
        float[] a = random(m * k, 7);
        float[] b = random(k * n, 8);
        float[] first = new float[m * n];
        Sgemm.gemm(Sgemm.Op.NN, m, n, k, a, b, first, false);
        int saved = Sgemm.threads();
        try {
            for (int threads = 1; threads <= 4; threads++) {
                Sgemm.setThreads(threads);
                for (int rep = 0; rep < 3; rep++) {
                    float[] c = new float[m * n];
                    Sgemm.gemm(Sgemm.Op.NN, m, n, k, a, b, c, false);
                    assertArrayEquals(first, c, threads + " threads, repetition " + rep);
                }
            }
        } finally {
            Sgemm.setThreads(saved);
        }
        float[] scalar = new float[m * n];
        Sgemm.run(new BlockedSgemm(new ScalarMicroKernel(), Sgemm.KC, Sgemm.MC, Sgemm.NC), 1,
                Sgemm.Op.NN, m, n, k, a, b, scalar, false);
        assertArrayEquals(first, scalar, "vector and scalar kernels differ");
    }

    @Test
    void concurrentCallersAndThreadCountChangesGiveTheSameBits() throws Exception {
        int m = 96;
        int n = 200;
        int k = 300;
        float[] a = random(m * k, 21);
        float[] b = random(n * k, 22);
        float[] expected = fmaChain(Sgemm.Op.NT, m, n, k, a, b, null);
        int saved = Sgemm.threads();
        try {
            Sgemm.setThreads(2);
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (int rep = 0; rep < 20; rep++) {
                            float[] c = new float[m * n];
                            Sgemm.gemm(Sgemm.Op.NT, m, n, k, a, b, c, false);
                            assertArrayEquals(expected, c);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                callers.add(th);
                th.start();
            }
            for (Thread th : callers) {
                th.join();
            }
            assertEquals(List.of(), failures);
            for (int threads : new int[]{3, 1, 2}) {
                Sgemm.setThreads(threads);
                float[] c = new float[m * n];
                Sgemm.gemm(Sgemm.Op.NT, m, n, k, a, b, c, false);
                assertArrayEquals(expected, c, threads + " threads");
            }
        } finally {
            Sgemm.setThreads(saved);
        }
    }

    @Test
    void aThreadsOwnCountOverridesTheProcessCountForThatThreadAloneAndNeverUsesTheTeam() throws Exception {
        int m = 128;
        int n = 400;
        int k = 784;
        float[] a = random(m * k, 31);
        float[] b = random(k * n, 32);
        float[] expected = fmaChain(Sgemm.Op.NN, m, n, k, a, b, null);
        int saved = Sgemm.threads();
        try {
            Sgemm.setThreads(5); // a count no other test uses: a team of 5 is made only for a product at 5 threads
            float[] own = new float[m * n];
            int[] seenByOther = new int[1];
            try (Sgemm.ThreadScope scope = Sgemm.threadsOfThisThread(1)) {
                assertEquals(1, Sgemm.threads());
                Thread other = new Thread(() -> seenByOther[0] = Sgemm.threads());
                other.start();
                other.join();
                Sgemm.gemm(Sgemm.Op.NN, m, n, k, a, b, own, false);
                assertTrue(Sgemm.teamSize() != 5, "a single-threaded caller does not make or use the team");
                try (Sgemm.ThreadScope inner = Sgemm.threadsOfThisThread(3)) {
                    assertEquals(3, Sgemm.threads());
                }
                assertEquals(1, Sgemm.threads(), "closing a scope restores the previous own count");
            }
            assertEquals(5, seenByOther[0], "another thread keeps the process count");
            assertEquals(5, Sgemm.threads(), "closed: the process count is back");
            assertArrayEquals(expected, own);
            float[] shared = new float[m * n];
            Sgemm.gemm(Sgemm.Op.NN, m, n, k, a, b, shared, false);
            assertEquals(5, Sgemm.teamSize(), "without an own count the product uses the process count");
            assertArrayEquals(expected, shared);
            assertThrows(IllegalArgumentException.class, () -> Sgemm.threadsOfThisThread(0));
        } finally {
            Sgemm.setThreads(saved);
        }
    }

    @Test
    void theVectorKernelIsUsedWhenTheModuleIsThere() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, Sgemm.vectorized(), "kernel " + Sgemm.kernelName());
        assertTrue(Sgemm.threads() >= 1);
    }

    @Test
    void badArgumentsAreRejected() {
        float[] a = new float[6];
        float[] b = new float[6];
        assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(Sgemm.Op.NN, 2, 3, 3, a, b, a, false));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(Sgemm.Op.NN, 3, 3, 3, a, b, new float[9], false));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.gemm(Sgemm.Op.NN, -1, 3, 3, a, b, new float[9], false));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.setThreads(0));
    }
}
