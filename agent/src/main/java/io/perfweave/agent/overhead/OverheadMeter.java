package io.perfweave.agent.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the agent's own cost every interval ({@link AgentCost}) and holds it to
 * {@code agent.budget.overhead}: when an interval's share of the process's CPU goes above the budget,
 * the violation is raised and logged once; it is cleared, and logged once, when an interval's share
 * is back at or below {@value #CLEAR_RATIO} of the budget (the margin keeps a share that hovers at the
 * budget from raising and clearing every interval).
 *
 * <p>Reporter thread only: the reporter's CPU time is the calling thread's.
 */
public final class OverheadMeter {

    static final double CLEAR_RATIO = 0.9;

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.overhead");

    private final double budget;
    private final LongSupplier reporterCpuNanos;
    private long probeCallNanos = -1;
    private long lastReporterCpu;
    private long firstReporterCpu;
    private long callsTotal;
    private long probeCostTotal;
    private boolean overBudget;
    private boolean started;

    /** @param budget {@code agent.budget.overhead} as a fraction, or {@code NaN} for none */
    public OverheadMeter(double budget) {
        this(budget, reporterCpu());
    }

    OverheadMeter(double budget, LongSupplier reporterCpuNanos) {
        this.budget = budget;
        this.reporterCpuNanos = reporterCpuNanos;
    }

    private static LongSupplier reporterCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return () -> -1;
        }
        return threads::getCurrentThreadCpuTime;
    }

    /**
     * Starts measuring on the calling thread (the reporter's): measures the cost of a probed call, which
     * the reporter's CPU time then includes.
     *
     * @param drainRings drains every ring, the calling thread's included
     */
    public void start(Runnable drainRings) {
        firstReporterCpu = reporterCpuNanos.getAsLong();
        lastReporterCpu = firstReporterCpu;
        started = true;
        probeCallNanos = ProbeCostCalibration.nanosPerCall(drainRings);
        LOG.debug("a probed call costs about {} ns on this machine", probeCallNanos);
    }

    /**
     * The cost of the interval that ends now.
     *
     * @param probeCalls           probed calls in the interval
     * @param processCpuNanos      the process's CPU time in the interval, -1 if unknown
     * @param processCpuNanosTotal since start
     * @param retainedBytes        the agent's estimated heap
     */
    public AgentCost sample(long probeCalls, long processCpuNanos, long processCpuNanosTotal, long retainedBytes) {
        if (!started) {
            firstReporterCpu = reporterCpuNanos.getAsLong();
            lastReporterCpu = firstReporterCpu;
            started = true;
        }
        long cpu = reporterCpuNanos.getAsLong();
        long reporter = cpu < 0 ? -1 : cpu - lastReporterCpu;
        lastReporterCpu = cpu;
        callsTotal += probeCalls;
        long probeCost = probeCallNanos < 0 ? -1 : probeCalls * probeCallNanos;
        if (probeCost >= 0) {
            probeCostTotal += probeCost;
        }
        AgentCost cost = new AgentCost(probeCallNanos, reporter, cpu < 0 ? -1 : cpu - firstReporterCpu, probeCalls,
                callsTotal, probeCost, probeCallNanos < 0 ? -1 : probeCostTotal, processCpuNanos, processCpuNanosTotal,
                retainedBytes, budget, false);
        judge(cost);
        return overBudget ? withViolation(cost) : cost;
    }

    private static AgentCost withViolation(AgentCost c) {
        return new AgentCost(c.probeCallNanos(), c.reporterCpuNanos(), c.reporterCpuNanosTotal(), c.probeCalls(),
                c.probeCallsTotal(), c.probeCostNanos(), c.probeCostNanosTotal(), c.processCpuNanos(),
                c.processCpuNanosTotal(), c.retainedBytes(), c.budget(), true);
    }

    private void judge(AgentCost cost) {
        double share = cost.share();
        if (Double.isNaN(budget) || share < 0) {
            return;
        }
        if (!overBudget && share > budget) {
            overBudget = true;
            LOG.warn("agent overhead budget violated: the agent used {} of the process's CPU in the last interval"
                            + " (reporter thread {}, probes about {}: {} calls × {} ns), above agent.budget.overhead {}",
                    percent(share), percent(cost.reporterShare()), percent(cost.probeShare()), cost.probeCalls(),
                    cost.probeCallNanos(), percent(budget));
        } else if (overBudget && share <= budget * CLEAR_RATIO) {
            overBudget = false;
            LOG.info("agent overhead budget cleared: the agent used {} of the process's CPU in the last interval,"
                    + " within agent.budget.overhead {}", percent(share), percent(budget));
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
