package io.perfweave.agent.sink.dashboard;

import java.util.List;

/**
 * The JVM's own figures at the end of an interval, as the JVM's management beans give them.
 *
 * @param heapUsedBytes         heap in use, garbage not yet collected included
 * @param heapCommittedBytes    heap the JVM has reserved from the operating system
 * @param heapMaxBytes          the most heap the JVM may use, or -1 when it has no limit
 * @param nonHeapUsedBytes      metaspace, code cache and other non-heap pools in use
 * @param threads               live threads
 * @param collectors            one entry per garbage collector
 * @param reporterCpuNanos      CPU time the agent's reporter thread has used since start (it drains
 *                              the rings and feeds every output, this dashboard included), or -1
 *                              when the JVM cannot measure it
 * @param reporterCpuShare      the reporter's CPU time in the last interval as a fraction of the
 *                              interval's length, or -1 when unknown
 */
public record JvmHealth(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long nonHeapUsedBytes,
                        int threads, List<Collector> collectors, long reporterCpuNanos, double reporterCpuShare) {

    /**
     * One garbage collector.
     *
     * @param collections          collections since the JVM started
     * @param timeMillis           their accumulated time (pauses for stop-the-world collectors,
     *                             concurrent work for the concurrent ones), as the JVM reports it
     * @param intervalCollections  collections in the last interval
     * @param intervalTimeMillis   their time
     */
    public record Collector(String name, long collections, long timeMillis, long intervalCollections,
                            long intervalTimeMillis) {
    }

    public JvmHealth {
        collectors = List.copyOf(collectors);
    }
}
