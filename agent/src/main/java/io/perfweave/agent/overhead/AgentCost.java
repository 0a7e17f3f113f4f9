package io.perfweave.agent.overhead;

import java.util.List;

/**
 * What the agent itself costs, for one interval and since start, next to the CPU the whole process
 * used. {@code -1} marks a figure this JVM does not provide.
 *
 * @param probeCallNanos        the measured cost of one probed call (see {@link ProbeCostCalibration})
 * @param reporterCpuNanos      CPU time of the reporter thread in the interval
 * @param reporterCpuNanosTotal since start
 * @param probeCalls            probed calls in the interval
 * @param probeCallsTotal       since start
 * @param probeCostNanos        estimated time the application's threads spent in probes in the
 *                              interval: calls × {@code probeCallNanos}
 * @param probeCostNanosTotal   since start
 * @param processCpuNanos       CPU time of the whole process in the interval
 * @param processCpuNanosTotal  since start
 * @param retainedBytes         the agent's estimated heap: histograms and rings
 * @param budget                {@code agent.budget.overhead} as a fraction, or {@code NaN} when not set
 * @param overBudget            whether the budget is violated now (raised and not yet cleared)
 * @param violations            the budget's ongoing violation and the most recently cleared ones, oldest first
 * @param changes               the violation raised or cleared at the end of this interval, if any: each
 *                              is reported once when raised and once when cleared
 */
public record AgentCost(long probeCallNanos, long reporterCpuNanos, long reporterCpuNanosTotal, long probeCalls,
                        long probeCallsTotal, long probeCostNanos, long probeCostNanosTotal, long processCpuNanos,
                        long processCpuNanosTotal, long retainedBytes, double budget, boolean overBudget,
                        List<OverheadViolation> violations, List<OverheadViolation> changes) {

    public AgentCost {
        violations = List.copyOf(violations);
        changes = List.copyOf(changes);
    }

    /** A cost with no violation of the budget so far. */
    public AgentCost(long probeCallNanos, long reporterCpuNanos, long reporterCpuNanosTotal, long probeCalls,
                     long probeCallsTotal, long probeCostNanos, long probeCostNanosTotal, long processCpuNanos,
                     long processCpuNanosTotal, long retainedBytes, double budget, boolean overBudget) {
        this(probeCallNanos, reporterCpuNanos, reporterCpuNanosTotal, probeCalls, probeCallsTotal, probeCostNanos,
                probeCostNanosTotal, processCpuNanos, processCpuNanosTotal, retainedBytes, budget, overBudget, List.of(),
                List.of());
    }

    /** For snapshots taken without a meter (tests of sinks, tools). */
    public static final AgentCost UNMEASURED = new AgentCost(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, Double.NaN, false);

    public boolean measured() {
        return probeCalls >= 0;
    }

    /** The interval's agent CPU (reporter and probes) as a share of the process's; -1 when unknown. */
    public double share() {
        return share(reporterCpuNanos, probeCostNanos, processCpuNanos);
    }

    /** The same since start. */
    public double shareTotal() {
        return share(reporterCpuNanosTotal, probeCostNanosTotal, processCpuNanosTotal);
    }

    /** The reporter thread's share of the interval's process CPU; -1 when unknown. */
    public double reporterShare() {
        return share(reporterCpuNanos, 0, processCpuNanos);
    }

    /** The probes' estimated share of the interval's process CPU; -1 when unknown. */
    public double probeShare() {
        return share(0, probeCostNanos, processCpuNanos);
    }

    private static double share(long reporter, long probes, long process) {
        if (reporter < 0 || probes < 0 || process <= 0) {
            return -1;
        }
        // The probes' part is an estimate (calls × the calibrated cost per call); a calibration that ran slow
        // can make it exceed what the whole process used, which the agent cannot have: a share is at most 1.
        return Math.min(1.0, (double) (reporter + probes) / process);
    }
}
