package io.perfweave.agent.overhead;

import io.perfweave.agent.jvm.JvmContextSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the agent's own cost every interval ({@link AgentCost}) and holds it to
 * {@code agent.budget.overhead}: when an interval's share of the process's CPU goes above the budget,
 * the violation is raised and logged once; it is cleared, and logged once, when an interval's share
 * is back at or below {@value #CLEAR_RATIO} of the budget (the margin keeps a share that hovers at the
 * budget from raising and clearing every interval). Each raise and clear is also handed to the other
 * outputs of budget violations as an {@link OverheadViolation} in the interval's {@link AgentCost},
 * with the JVM's context of the interval it was raised in.
 *
 * <p>Reporter thread only: the reporter's CPU time is the calling thread's.
 */
public final class OverheadMeter {

    static final double CLEAR_RATIO = 0.9;
    /** Cleared violations kept for the report, as many as a probe keeps. */
    static final int KEPT = 50;

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.overhead");

    private final double budget;
    private final LongSupplier reporterCpuNanos;
    private final JvmContextSource jvm;
    private final Deque<OverheadViolation> cleared = new ArrayDeque<>();
    private OverheadViolation ongoing;
    private long probeCallNanos = -1;
    private long lastReporterCpu;
    private long firstReporterCpu;
    private long callsTotal;
    private long probeCostTotal;
    private boolean started;

    /**
     * @param budget {@code agent.budget.overhead} as a fraction, or {@code NaN} for none
     * @param jvm    the JVM context of an interval where the budget is violated, or {@code null}
     */
    public OverheadMeter(double budget, JvmContextSource jvm) {
        this(budget, reporterCpu(), jvm);
    }

    OverheadMeter(double budget, LongSupplier reporterCpuNanos, JvmContextSource jvm) {
        this.budget = budget;
        this.reporterCpuNanos = reporterCpuNanos;
        this.jvm = jvm;
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
     * @param start                the start of the interval
     * @param end                  its end
     */
    public AgentCost sample(long probeCalls, long processCpuNanos, long processCpuNanosTotal, long retainedBytes,
                            Instant start, Instant end) {
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
        OverheadViolation change = judge(cost, start, end);
        if (ongoing == null && cleared.isEmpty()) {
            return cost;
        }
        return new AgentCost(cost.probeCallNanos(), cost.reporterCpuNanos(), cost.reporterCpuNanosTotal(),
                cost.probeCalls(), cost.probeCallsTotal(), cost.probeCostNanos(), cost.probeCostNanosTotal(),
                cost.processCpuNanos(), cost.processCpuNanosTotal(), cost.retainedBytes(), cost.budget(), ongoing != null,
                violations(), change == null ? List.of() : List.of(change));
    }

    /** @return the violation this interval raised or cleared, else {@code null} */
    private OverheadViolation judge(AgentCost cost, Instant start, Instant end) {
        double share = cost.share();
        if (Double.isNaN(budget) || share < 0) {
            return null;
        }
        if (ongoing == null && share > budget) {
            String message = String.format(Locale.ROOT, "agent overhead budget violated: the agent used %s of the"
                            + " process's CPU in the last interval (reporter thread %s, probes about %s: %d calls × %d ns),"
                            + " above agent.budget.overhead %s", percent(share), percent(cost.reporterShare()),
                    percent(cost.probeShare()), cost.probeCalls(), cost.probeCallNanos(), percent(budget));
            LOG.warn("{}", message);
            ongoing = new OverheadViolation(budget, share, cost.probeCalls(), Duration.between(start, end).toNanos(), end,
                    null, Double.NaN, 0, jvm == null ? null : jvm.contextOf(start, end), message);
            return ongoing;
        }
        if (ongoing != null && share <= budget * CLEAR_RATIO) {
            String message = "agent overhead budget cleared: the agent used " + percent(share) + " of the process's CPU"
                    + " in the last interval, within agent.budget.overhead " + percent(budget);
            LOG.info("{}", message);
            OverheadViolation change = ongoing.clear(end, share, cost.probeCalls(), message);
            ongoing = null;
            if (cleared.size() == KEPT) {
                cleared.removeFirst();
            }
            cleared.addLast(change);
            return change;
        }
        return null;
    }

    /** The cleared violations kept and the ongoing one, oldest first. */
    private List<OverheadViolation> violations() {
        List<OverheadViolation> all = new ArrayList<>(cleared);
        if (ongoing != null) {
            all.add(ongoing);
        }
        return all;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
