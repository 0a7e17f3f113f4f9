package io.perfweave.agent.report;

/**
 * How the agent itself is doing, as of one snapshot.
 *
 * @param previousReportNanos how long the reporter took to build the previous snapshot and deliver
 *                            it to every sink; 0 for the first snapshot (a snapshot cannot include
 *                            the time of its own delivery)
 * @param highestRingFill     the most records the reporter found in one thread's ring during this
 *                            interval, as a fraction (0 to 1) of {@code ring.capacity}, the largest a
 *                            ring may grow to; 1 means a ring was full and records were being dropped
 * @param rings               the threads' rings the reporter drains
 * @param intervalOverruns    reports since start that took longer than {@code reporter.interval}, so
 *                            that the next interval started late (a slow output, a starved machine)
 * @param failures            failures of the agent's own work since start (an output that threw, a
 *                            budget or JVM figure that could not be computed); each kind is logged once
 */
public record ReporterHealth(long previousReportNanos, double highestRingFill, int rings, long intervalOverruns,
                             long failures) {

    public static final ReporterHealth NONE = new ReporterHealth(0, 0, 0, 0, 0);

    /** Without overruns or failures. */
    public ReporterHealth(long previousReportNanos, double highestRingFill, int rings) {
        this(previousReportNanos, highestRingFill, rings, 0, 0);
    }
}
