package io.perfweave.agent.jvm;

import java.util.List;

/**
 * The JVM around the probed methods at the end of one reporting interval; part of every report
 * snapshot, so every output shows the same figures. {@code -1} marks a figure this JVM does not provide.
 *
 * @param heapUsedBytes             heap in use at the end of the interval
 * @param heapCommittedBytes        heap the JVM holds from the operating system
 * @param heapMaxBytes              the most the heap may grow to ({@code -Xmx}); -1 if unbounded
 * @param oldGenAfterGc             the old generation's occupancy after the latest collection that
 *                                  says what survived; {@code null} before the first one
 * @param collectors                every collector that has run, in order of first appearance
 * @param allocatedBytes            bytes allocated by all threads in the interval
 * @param allocatedBytesTotal       bytes allocated since the agent started
 * @param allocationBytesPerSecond  the interval's allocation rate
 * @param liveThreads               live threads, daemon ones included, at the end of the interval
 * @param peakThreads               the most live threads at once since the JVM started
 * @param processCpuNanos           CPU time the whole process used in the interval
 * @param processCpuNanosTotal      CPU time the process used since the agent started
 * @param processCpuLoad            the interval's process CPU as a share of all the machine's
 *                                  processors, 0 to 1
 * @param processors                the processors available to the JVM
 * @param pressure                  the memory pressure level now
 * @param highestPressure           the highest level since start
 * @param leakHint                  the last leak hint raised, or {@code null} if none was
 * @param leakHintActive            whether that hint still holds
 */
public record JvmHealth(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, Occupancy oldGenAfterGc,
                        List<CollectorActivity> collectors, long allocatedBytes, long allocatedBytesTotal,
                        double allocationBytesPerSecond, int liveThreads, int peakThreads, long processCpuNanos,
                        long processCpuNanosTotal, double processCpuLoad, int processors, PressureLevel pressure,
                        PressureLevel highestPressure, LeakHint leakHint, boolean leakHintActive) {

    /** For snapshots taken without a monitor (tests of sinks, tools): every figure unknown. */
    public static final JvmHealth UNMEASURED = new JvmHealth(-1, -1, -1, null, List.of(), -1, -1, -1, -1, -1, -1, -1,
            -1, -1, PressureLevel.GREEN, PressureLevel.GREEN, null, false);

    public JvmHealth {
        collectors = List.copyOf(collectors);
    }

    public boolean measured() {
        return heapUsedBytes >= 0;
    }
}
