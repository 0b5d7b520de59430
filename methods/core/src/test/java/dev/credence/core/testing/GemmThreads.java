package dev.credence.core.testing;

import dev.credence.core.kernel.Sgemm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Runs a computation at given GEMM thread counts, for the tests that numbers do not depend on them. */
public final class GemmThreads {
    private GemmThreads() {
    }

    /**
     * @param threads the thread count of each run, in order
     * @param run     the computation, given the run's thread count
     * @param <T>     what it returns
     * @return each run's result, in order; the previous thread count is restored whatever happens
     */
    public static <T> List<T> eachOf(int[] threads, IntFunction<T> run) {
        int before = Sgemm.threads();
        List<T> out = new ArrayList<>();
        try {
            for (int t : threads) {
                Sgemm.setThreads(t);
                out.add(run.apply(t));
            }
        } finally {
            Sgemm.setThreads(before);
        }
        return out;
    }
}
