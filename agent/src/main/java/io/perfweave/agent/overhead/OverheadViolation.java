package io.perfweave.agent.overhead;

import io.perfweave.agent.jvm.JvmContext;
import java.time.Instant;

/**
 * One violation of {@code agent.budget.overhead}, from the interval where it was raised to the one
 * where it cleared: the agent's own counterpart of a probe's {@code BudgetStatus.Violation}, which
 * every output that reports a probe's violation reports the same way, under the reserved probe name
 * {@value #PROBE} and the metric {@value #METRIC}. The window is one interval: the budget is judged
 * on each interval's share.
 *
 * @param limit           the budget, a fraction of the process's CPU
 * @param observed        the interval's share when raised
 * @param samples         the probed calls in that interval (the calls its probe cost estimate counts)
 * @param windowNanos     the length of that interval
 * @param raised          the end of the interval where it was raised
 * @param cleared         the end of the interval where it cleared; {@code null} while ongoing
 * @param clearedObserved the interval's share when cleared; NaN while ongoing
 * @param clearedSamples  the probed calls in that interval; 0 while ongoing
 * @param jvm             what the JVM did in the interval where it was raised; {@code null} without a
 *                        JVM monitor
 * @param message         the log line of its latest change (raised, or cleared once it is)
 */
public record OverheadViolation(double limit, double observed, long samples, long windowNanos, Instant raised,
                                Instant cleared, double clearedObserved, long clearedSamples, JvmContext jvm,
                                String message) {

    /**
     * The probe name the agent's own violations are reported under. Its parentheses keep it apart
     * from every real probe: configured and {@code @Profiled} names are letters, digits, {@code _} and
     * {@code -}, and an unnamed {@code @Profiled} method's name is a Java class and method name.
     */
    public static final String PROBE = "(agent)";
    /** The metric the agent's own violations are reported under. */
    public static final String METRIC = "overhead";
    /** Its values are fractions of the process's CPU. */
    public static final String UNIT = "ratio";

    public boolean ongoing() {
        return cleared == null;
    }

    /** This violation, cleared at {@code at} with the interval's share and calls. */
    OverheadViolation clear(Instant at, double share, long calls, String clearedMessage) {
        return new OverheadViolation(limit, observed, samples, windowNanos, raised, at, share, calls, jvm, clearedMessage);
    }
}
