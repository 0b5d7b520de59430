package dev.credence.core.sampling;

import dev.credence.core.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent chains on a pool of worker threads. Chain k gets its seed from {@link #seeds} (the k-th draw of
 * a stream seeded by the run's seed), drawn before any chain starts, and its result goes to position k; a chain that
 * shares nothing mutable with the others therefore gives the same numbers whatever the pool size (the GEMM kernel's
 * results do not depend on the thread that calls it, nor on its thread count).
 */
public final class ChainPool {
    private ChainPool() {
    }

    /**
     * @param runSeed the run's seed
     * @param chains  C ≥ 1
     * @return C seeds: chain k's is the k-th draw of {@code new Rng(runSeed)}
     */
    public static long[] seeds(long runSeed, int chains) {
        Rng rng = new Rng(runSeed);
        long[] out = new long[chains];
        for (int k = 0; k < chains; k++) {
            out[k] = rng.nextSeed();
        }
        return out;
    }

    /**
     * @param chains  C ≥ 1
     * @param workers threads, ≥ 1 (at most C are started; with one, the chains run in order on the calling thread)
     * @param chain   runs chain k
     * @param <T>     a chain's result
     * @return the results in chain order
     * @throws RuntimeException the failure of the lowest-numbered chain that failed, once every chain has stopped
     */
    public static <T> List<T> run(int chains, int workers, IntFunction<T> chain) {
        if (chains < 1 || workers < 1) {
            throw new IllegalArgumentException("need ≥ 1 chain and ≥ 1 worker, got " + chains + " and " + workers);
        }
        if (Math.min(chains, workers) == 1) {
            List<T> out = new ArrayList<>();
            for (int k = 0; k < chains; k++) {
                out.add(chain.apply(k));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(chains, workers), r -> {
            Thread t = new Thread(r, "credence-chain");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < chains; k++) {
                int index = k;
                futures.add(pool.submit(() -> chain.apply(index)));
            }
            List<T> out = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while chains ran", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
