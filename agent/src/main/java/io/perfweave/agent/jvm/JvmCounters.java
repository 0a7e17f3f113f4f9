package io.perfweave.agent.jvm;

import java.lang.management.ManagementFactory;

/**
 * The JVM's cumulative counters the monitor turns into per-interval figures; -1 where the JVM has no
 * such counter. An interface so that tests can drive the monitor with counters of their own.
 */
interface JvmCounters {

    /** Bytes allocated by all threads since the JVM started. */
    long allocatedBytes();

    /** CPU time used by the process since it started. */
    long processCpuNanos();

    int processors();

    static JvmCounters ofThisJvm() {
        com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() ? t : null;
        com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o : null;
        return new JvmCounters() {
            @Override
            public long allocatedBytes() {
                try {
                    return threads == null ? -1 : threads.getTotalThreadAllocatedBytes();
                } catch (UnsupportedOperationException e) {
                    return -1;
                }
            }

            @Override
            public long processCpuNanos() {
                return os == null ? -1 : os.getProcessCpuTime();
            }

            @Override
            public int processors() {
                return Runtime.getRuntime().availableProcessors();
            }
        };
    }
}
