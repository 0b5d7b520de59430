package dev.credence.core.kernel;

/**
 * Single-precision matrix products on row-major {@code float[]}: C = A·B, C = Aᵀ·B and C = A·Bᵀ, each
 * optionally accumulating into C. Pure Java: a cache-blocked, register-tiled kernel on the JDK Vector API when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} (checked once, when this class loads),
 * otherwise the same blocking around a scalar {@link Math#fma} tile. No native code.
 *
 * <h2>Determinism</h2>
 * Every element of C is the chain {@code acc = fma(op(A)[i][p], op(B)[p][j], acc)} over p = 0 … k−1 in order,
 * starting from 0 (or from C's old value when accumulating). Vector width, tile shape, cache blocking and the
 * split of C over threads only decide which elements are computed side by side, never the operations applied
 * to one of them, so the results are bit-identical for every thread count, on every machine, and between the
 * vector and the scalar kernel. (They are not identical to EJML, which rounds each product before adding, nor
 * is {@code C += AᵀB} rounded as "sum first, then add": the old value of C starts the chain.)
 *
 * <h2>Threads</h2>
 * Products of at least {@value #MIN_FMAS_PER_THREAD} multiply-adds per thread are split into T fixed,
 * contiguous ranges of whole tiles along the wider dimension of C; the calling thread computes
 * the first range and a {@link GemmTeam} of T−1 daemon threads (spinning briefly between products, then
 * parking) the rest. T defaults to the system property
 * {@code credence.gemm.threads}, else the number of available processors, and can be changed with
 * {@link #setThreads} for the whole process, or for the calling thread alone with {@link #threadsOfThisThread}
 * (so several suite runs in one JVM can each compute single-threaded). Pack buffers live in per-thread workspaces and are reused, so a warm call allocates
 * nothing.
 *
 * <h2>Narrow products</h2>
 * When C is narrower than a micro-kernel tile (an output layer's 10 classes against a 32-wide tile) and the Vector
 * API is there, {@link VectorNarrowSgemm} computes it instead, without packing A and without zero-padded tiles,
 * split over threads by rows; it gives every element the same chain, so results do not change.
 *
 * <h2>Measured</h2>
 * Throughput against EJML and torch.mm, and how it was measured: {@code experiments/bench/README.md}.
 */
public final class Sgemm {

    /** Which stored operands are used transposed. */
    public enum Op {
        /** C = A·B; A is m×k, B is k×n. */
        NN,
        /** C = Aᵀ·B; A is stored k×m, B is k×n. */
        TN,
        /** C = A·Bᵀ; A is m×k, B is stored n×k. */
        NT
    }

    /** Below this many multiply-adds per thread a product runs on the calling thread alone. */
    public static final long MIN_FMAS_PER_THREAD = 1L << 19;

    /**
     * Largest depth of a K block; K is cut into equal blocks (784 → 2 × 392). Measured 256–800 within noise of
     * each other on the protocol shapes; 384 keeps a B micro-panel (KC × 32 floats) near L1 size.
     */
    static final int KC = 384;
    /** Largest rows of an A block (≤ 128 × 384 floats = 192 KB packed, in L2); 256 was measurably slower. */
    static final int MC = 128;
    /** Largest columns of a B block; the protocol network's widths (≤ 784) fit in one. */
    static final int NC = 1024;

    private static final BlockedSgemm IMPL = new BlockedSgemm(selectKernel(), KC, MC, NC);
    /** The driver for C narrower than one tile, or null on the scalar path (which then uses {@link #IMPL}). */
    private static final GemmDriver NARROW = vectorized() ? selectNarrow() : null;
    /** Rows per part when a narrow product is split over threads. */
    private static final int NARROW_ROWS = 4;
    private static final ThreadLocal<BlockedSgemm.Workspace> WORKSPACE =
            ThreadLocal.withInitial(BlockedSgemm.Workspace::new);

    private static volatile int threads = defaultThreads();
    /** The calling thread's own count, or null to use {@link #threads}. */
    private static final ThreadLocal<Integer> OWN_THREADS = new ThreadLocal<>();
    private static GemmTeam team;

    private Sgemm() {
    }

    /**
     * C = op(A)·op(B), or C += op(A)·op(B) when {@code accumulate}. C must not share its array with A or B.
     *
     * @param op         which operands are transposed
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
     * @param a          A as stored, row-major: m×k, or k×m for {@link Op#TN}
     * @param b          B as stored, row-major: k×n, or n×k for {@link Op#NT}
     * @param c          C, m×n row-major (only its first m·n elements are touched)
     * @param accumulate add to C instead of overwriting it
     */
    public static void gemm(Op op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
        if (NARROW != null && n < IMPL.kernel().nr() && k > 0) {
            runNarrow(NARROW, threads(), op, m, n, k, a, b, c, accumulate);
        } else {
            run(IMPL, threads(), op, m, n, k, a, b, c, accumulate);
        }
    }

    /** A product through a {@link GemmDriver} that computes whole rows, split over threads by rows. */
    static void runNarrow(GemmDriver driver, int t, Op op, int m, int n, int k, float[] a, float[] b, float[] c,
                          boolean accumulate) {
        check(m, n, k, a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        int units = (m + NARROW_ROWS - 1) / NARROW_ROWS;
        int parts = (int) Math.max(1, Math.min(Math.min(t, units), (long) m * n * k / MIN_FMAS_PER_THREAD));
        if (parts <= 1) {
            driver.run(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, workspace());
            return;
        }
        team(t).run(driver, op, m, n, k, a, b, c, accumulate, false, NARROW_ROWS, parts);
    }

    static void run(BlockedSgemm impl, int t, Op op, int m, int n, int k, float[] a, float[] b, float[] c,
                    boolean accumulate) {
        check(m, n, k, a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        int parts = (int) Math.max(1, Math.min(t, (long) m * n * k / MIN_FMAS_PER_THREAD));
        if (parts <= 1) {
            impl.run(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, workspace());
            return;
        }
        // split the wider dimension: each thread then packs all of the smaller operand and its share of the
        // larger one (measured in training: splitting to balance whole tiles instead was no better)
        boolean splitColumns = n >= m;
        int unit = splitColumns ? impl.kernel().nr() : impl.kernel().mr();
        int units = ((splitColumns ? n : m) + unit - 1) / unit;
        parts = Math.min(parts, units);
        if (parts <= 1) {
            impl.run(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, workspace());
            return;
        }
        team(t).run(impl, op, m, n, k, a, b, c, accumulate, splitColumns, unit, parts);
    }

    /** @return the calling thread's pack buffers */
    static BlockedSgemm.Workspace workspace() {
        return WORKSPACE.get();
    }

    private static void check(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("array too short for m=" + m + " n=" + n + " k=" + k
                    + ": a " + a.length + ", b " + b.length + ", c " + c.length);
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("the output must not share its array with an input");
        }
    }

    /**
     * Sets the number of threads of later products (results do not depend on it), for every thread that has no
     * count of its own ({@link #threadsOfThisThread}).
     *
     * @param t threads, ≥ 1
     */
    public static void setThreads(int t) {
        threads = checked(t);
    }

    /** @return the number of threads the calling thread's products may use: its own count, else the process's */
    public static int threads() {
        Integer own = OWN_THREADS.get();
        return own != null ? own : threads;
    }

    /**
     * Gives the calling thread its own thread count for its products until the returned scope is closed (then its
     * previous own count, or none, is back); other threads keep theirs. With 1, the thread's products never use the
     * shared team of helper threads. Results do not depend on it.
     *
     * @param t threads, ≥ 1
     * @return the scope, to close on the same thread (try-with-resources)
     */
    public static ThreadScope threadsOfThisThread(int t) {
        Integer previous = OWN_THREADS.get();
        OWN_THREADS.set(checked(t));
        return () -> {
            if (previous == null) {
                OWN_THREADS.remove();
            } else {
                OWN_THREADS.set(previous);
            }
        };
    }

    /** The span of a thread's own count ({@link #threadsOfThisThread}); closing it restores the previous count. */
    @FunctionalInterface
    public interface ThreadScope extends AutoCloseable {
        @Override
        void close();
    }

    private static int checked(int t) {
        if (t < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + t);
        }
        return t;
    }

    /** @return whether the Vector API kernel is in use (else the scalar fallback) */
    public static boolean vectorized() {
        return !(IMPL.kernel() instanceof ScalarMicroKernel);
    }

    /** @return the kernel in use and its tile, e.g. "vector-512 8x32" or "scalar-fma 4x16" */
    public static String kernelName() {
        return IMPL.kernel().describe();
    }

    /** @return threads of the current team of helpers (the caller included), or 0 before a product needed one */
    static synchronized int teamSize() {
        return team == null ? 0 : team.size();
    }

    private static synchronized GemmTeam team(int t) {
        if (team == null || team.size() != t) {
            if (team != null) {
                team.shutdown();
            }
            team = new GemmTeam(t - 1);
        }
        return team;
    }

    private static int defaultThreads() {
        String p = System.getProperty("credence.gemm.threads");
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** @return the narrow-product driver on the Vector API, or null when it cannot be loaded */
    static GemmDriver narrowDriver() {
        return NARROW;
    }

    /** @return the Vector API driver for narrow products, warmed up on a 1×1×1 product, or null ({@link VectorChoice}) */
    static GemmDriver selectNarrow() {
        return VectorChoice.vector("dev.credence.core.kernel.VectorNarrowSgemm", GemmDriver.class,
                d -> d.run(Op.NN, 1, 1, 1, new float[]{1}, new float[]{1}, new float[1], false, 0, 1, 0, 1,
                        new BlockedSgemm.Workspace()));
    }

    /** @return the Vector API micro-kernel, warmed up on one tile, else the scalar one ({@link VectorChoice}) */
    static MicroKernel selectKernel() {
        MicroKernel vector = VectorChoice.vector("dev.credence.core.kernel.VectorMicroKernel", MicroKernel.class,
                k -> k.compute(1, new float[k.mr()], 0, new float[k.nr()], 0, new float[k.mr() * k.nr()], 0, k.nr(), false));
        return vector != null ? vector : new ScalarMicroKernel();
    }
}
