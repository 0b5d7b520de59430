package dev.credence.methods.sgld;

import dev.credence.core.CredenceInputException;
import dev.credence.core.engine.MlpShape;

import java.util.Locale;

/**
 * SGLD's memory cost, checked before any training: S kept samples × P parameters × 4 bytes (twice that while a
 * second chain is compared with the best so far), plus the network's values, gradients and preconditioner
 * (≤ 3·P floats). A plan above half the JVM heap is refused with a one-line message.
 */
final class MemoryBudget {
    private static final double MIB = 1024.0 * 1024.0;

    private MemoryBudget() {
    }

    /** @return P of a dense MLP: Σ (in + 1)·out over its affine layers, computed without building it */
    static long parameterCount(MlpShape shape) {
        long total = 0;
        int in = shape.inputSize();
        for (int h : shape.hidden()) {
            total += ((long) in + 1) * h;
            in = h;
        }
        return total + ((long) in + 1) * shape.numClasses();
    }

    /**
     * @param shape   the MLP
     * @param samples S
     * @param chains  sample sets alive at once (1, or 2 while comparing step sizes)
     * @param maxHeap the JVM's maximum heap in bytes
     * @return the bytes of the kept samples of one chain
     * @throws CredenceInputException when the plan exceeds half the heap
     */
    static long check(MlpShape shape, int samples, int chains, long maxHeap) {
        long p = parameterCount(shape);
        double kept = 4.0 * samples * p;
        double peak = kept * chains + 4.0 * 3 * p;
        if (peak > 0.5 * maxHeap) {
            String plus = chains > 1 ? "×" + chains + " while comparing step sizes, plus" : "plus";
            throw new CredenceInputException(String.format(Locale.ROOT,
                    "sgld would keep %,d samples × %,d parameters = %.1f MiB (%s the network: %.1f MiB in all); "
                            + "the JVM heap is %.0f MiB and at most half of it may hold samples; "
                            + "lower 'samples' or 'hidden', or raise -Xmx",
                    samples, p, kept / MIB, plus, peak / MIB, maxHeap / MIB));
        }
        return (long) kept;
    }
}
