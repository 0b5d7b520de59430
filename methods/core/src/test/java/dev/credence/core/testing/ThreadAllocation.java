package dev.credence.core.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread has allocated, for tests that show a refusal or a preflight allocates nothing of the
 * model's size (a claim about work done, which a time limit would only suggest and a loaded machine would break).
 */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    /** @return the current thread's allocated bytes so far, or -1 when the JVM does not count them */
    public static long bytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        return threads.getCurrentThreadAllocatedBytes();
    }

    /**
     * @param before {@link #bytes()} taken earlier
     * @param limit  the most the thread may have allocated since
     * @return whether it stayed within the limit (true when the JVM does not count)
     */
    public static boolean atMost(long before, long limit) {
        long now = bytes();
        return before < 0 || now < 0 || now - before <= limit;
    }
}
