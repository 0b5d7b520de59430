package dev.credence.core.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * T−1 daemon threads that, with the calling thread, compute the T fixed parts of one product at a time.
 *
 * <p>Why not an {@link java.util.concurrent.ExecutorService}: a training step is a chain of products of 0.1–1 ms
 * each, and waking a parked thread costs tens of microseconds at each end, which measured as losing most of
 * the second core. Here a worker that has finished a part spins for {@link #SPIN_NANOS} (property
 * {@code credence.gemm.spinMicros}, default 1 ms) waiting for the next product before it parks, and the
 * caller spins likewise for its helpers; so workers stay awake through a training step (whose gaps
 * between products are below a millisecond; 200 µs measured 10% slower, 20 ms no faster) but give their core
 * back soon after products stop. A call allocates nothing.
 *
 * <p>One product at a time: a second thread calling while the team is busy computes its product alone
 * (results are the same either way).
 */
final class GemmTeam {
    /** How long a waiting thread spins before parking. */
    static final long SPIN_NANOS = spinNanos();

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicIntegerArray parked;
    private final Throwable[] failures;
    private volatile int phase;
    private volatile boolean shutdown;
    private volatile Thread waiter;

    // the current product, published by the volatile write of phase
    private GemmDriver impl;
    private Sgemm.Op op;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;
    private boolean accumulate;
    private boolean splitColumns;
    private int unit;
    private int units;
    private int extent;
    private int parts;

    /** @param helpers number of worker threads (T−1), ≥ 1 */
    GemmTeam(int helpers) {
        workers = new Thread[helpers];
        parked = new AtomicIntegerArray(helpers);
        failures = new Throwable[helpers];
        for (int q = 0; q < helpers; q++) {
            int index = q;
            Thread t = new Thread(() -> work(index), "credence-gemm-" + (q + 1));
            t.setDaemon(true);
            workers[q] = t;
            t.start();
        }
    }

    /** @return threads including the caller */
    int size() {
        return workers.length + 1;
    }

    /**
     * Computes the product in {@code parts} ranges of whole units along one dimension of C; the caller takes
     * part 0. Falls back to the caller alone when another product holds the team.
     */
    void run(GemmDriver impl, Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c,
             boolean accumulate, boolean splitColumns, int unit, int parts) {
        if (!lock.tryLock()) {
            impl.run(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, Sgemm.workspace());
            return;
        }
        try {
            if (shutdown) {
                impl.run(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, Sgemm.workspace());
                return;
            }
            this.impl = impl;
            this.op = op;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = c;
            this.accumulate = accumulate;
            this.splitColumns = splitColumns;
            this.unit = unit;
            this.extent = splitColumns ? n : m;
            this.units = (extent + unit - 1) / unit;
            this.parts = Math.min(parts, size());
            // every worker takes part (those beyond `parts` get an empty range), so none can still be
            // reading these fields when the next product overwrites them
            remaining.set(workers.length);
            waiter = Thread.currentThread();
            phase = phase + 1; // publishes the fields above
            for (int q = 0; q < workers.length; q++) {
                if (parked.get(q) != 0) {
                    LockSupport.unpark(workers[q]);
                }
            }
            Throwable failure = null;
            try {
                part(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            long start = System.nanoTime();
            while (remaining.get() != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 100_000);
                }
            }
            waiter = null;
            for (int q = 0; q < failures.length; q++) {
                if (failures[q] != null && failure == null) {
                    failure = failures[q];
                }
                failures[q] = null;
            }
            this.a = null;
            this.b = null;
            this.c = null;
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers once they are idle. */
    void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            phase = phase + 1;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
        } finally {
            lock.unlock();
        }
    }

    private void part(int q) {
        if (q >= parts) {
            return;
        }
        int from = Math.min(extent, (int) ((long) units * q / parts) * unit);
        int to = Math.min(extent, (int) ((long) units * (q + 1) / parts) * unit);
        if (splitColumns) {
            impl.run(op, m, n, k, a, b, c, accumulate, 0, m, from, to, Sgemm.workspace());
        } else {
            impl.run(op, m, n, k, a, b, c, accumulate, from, to, 0, n, Sgemm.workspace());
        }
    }

    private void work(int q) {
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            int p;
            while ((p = phase) == seen) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked.set(q, 1);
                    if (phase == seen) {
                        LockSupport.park(this);
                    }
                    parked.set(q, 0);
                }
            }
            seen = p;
            if (shutdown) {
                return;
            }
            try {
                part(q + 1);
            } catch (Throwable e) {
                failures[q] = e;
            }
            if (remaining.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    private static long spinNanos() {
        String p = System.getProperty("credence.gemm.spinMicros");
        long micros = 1000;
        if (p != null) {
            try {
                micros = Math.max(0, Long.parseLong(p.trim()));
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        return micros * 1000;
    }
}
