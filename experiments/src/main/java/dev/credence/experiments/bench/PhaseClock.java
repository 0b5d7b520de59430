package dev.credence.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wall times of the phases of one trial of a composed method, by phase name, each recorded once, and the CPU
 * time of the calling thread over each. The CPU time is a diagnostic for a machine shared with other work: with one
 * GEMM thread it is the phase's own compute, whatever else runs; with more it misses the GEMM team's other threads.
 */
final class PhaseClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();

    /** @return the calling thread's CPU time in nanoseconds, or −1 when the JVM does not measure it */
    static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * @param phase the phase's name
     * @param work  the phase
     * @param <T>   what it returns
     * @return what the work returned, after recording its wall and CPU time
     */
    <T> T time(String phase, Supplier<T> work) {
        long cpu = cpuNanos();
        long start = System.nanoTime();
        T result = work.get();
        long end = System.nanoTime();
        record(phase, (end - start) / 1e9, (cpuNanos() - cpu) / 1e9);
        return result;
    }

    /**
     * Records a phase timed by the code under test itself (e.g. a training loop's own wall time).
     *
     * @param phase      the phase's name
     * @param seconds    its wall time
     * @param cpuSeconds the calling thread's CPU time over it
     * @throws IllegalArgumentException when the phase was recorded already in this trial
     */
    void record(String phase, double seconds, double cpuSeconds) {
        if (this.seconds.put(phase, seconds) != null) {
            throw new IllegalArgumentException("phase '" + phase + "' timed twice in one trial");
        }
        this.cpuSeconds.put(phase, cpuSeconds);
    }

    /** @return the wall seconds of each phase, in the order recorded */
    Map<String, Double> seconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    /** @return the calling thread's CPU seconds over each phase, in the order recorded */
    Map<String, Double> cpuSeconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(cpuSeconds));
    }
}
