package io.perfweave.agent.probe;

import java.lang.management.ManagementFactory;

/**
 * Reads how many bytes the current thread has allocated so far: HotSpot's exact per-thread counter,
 * which includes the used part of the thread's current TLAB, so the difference across a call is the
 * size of what the call allocated, to the byte. Costs about as much as a clock read.
 *
 * <p>Returns {@link ProbeRing#NOT_MEASURED} where the JVM does not count: on a JVM without
 * {@code com.sun.management.ThreadMXBean}, with allocation counting switched off, and on virtual
 * threads (JDK 21 and later report -1 for them).
 */
public final class AllocationCounter {

    private static final com.sun.management.ThreadMXBean THREADS = threads();
    /** Set once some probe has read the counter; until then the runtime need not account for its own allocation. */
    private static volatile boolean inUse;

    private AllocationCounter() {
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported()) {
                bean.setThreadAllocatedMemoryEnabled(true);
                return bean;
            }
        } catch (RuntimeException | LinkageError e) {
            // no such counter on this JVM: allocation stays unmeasured
        }
        return null;
    }

    /** Whether allocation can be measured on this JVM (on platform threads). */
    public static boolean isSupported() {
        return THREADS != null;
    }

    static boolean inUse() {
        return inUse;
    }

    static long currentThreadAllocatedBytes() {
        if (!inUse) {
            inUse = true;
        }
        com.sun.management.ThreadMXBean threads = THREADS;
        if (threads == null) {
            return ProbeRing.NOT_MEASURED;
        }
        long bytes = threads.getCurrentThreadAllocatedBytes();
        return bytes < 0 ? ProbeRing.NOT_MEASURED : bytes;
    }
}
