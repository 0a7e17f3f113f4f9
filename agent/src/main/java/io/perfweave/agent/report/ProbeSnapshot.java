package io.perfweave.agent.report;

import io.perfweave.agent.config.ProbePriority;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * One probe's figures in a {@link ReportSnapshot}.
 *
 * <p>The two histograms are the reporter's own, lent to the sinks for the duration of one
 * {@code onInterval}/{@code onFinal} call and reset or updated afterwards: a sink reads them during
 * the call, copies what it needs to keep, and never modifies them.
 *
 * @param pattern            the method pattern from the configuration
 * @param methods            the methods it has been woven into so far
 * @param matchedClasses     how many class transformations matched its class pattern; 0 means the
 *                           pattern has found no class yet
 * @param intervalHistogram  latency in nanoseconds of the calls timed in this interval
 * @param totalHistogram     latency in nanoseconds of the calls timed since start
 * @param exceptions         exception classes of failed calls since start, most frequent first
 * @param totalSelfTimeHistogram   per call since start, its latency less the time in probed methods it
 *                                 called; {@code null} while no call had a probed callee (it would equal
 *                                 {@code totalHistogram})
 * @param totalAllocationHistogram bytes allocated per call since start; {@code null} when the probe does
 *                                 not measure allocation
 * @param samplePeriod       N of the probe's {@code sample = 1/N}; 1 when it times every call
 * @param budget             its budget as judged at the end of this interval
 * @param adaptive           whether adaptive sampling may lower its timing rate under memory pressure
 * @param priority           its {@code probe.<name>.priority}
 * @param periodInForce      N of the one-in-N timing in force during this interval: {@code samplePeriod},
 *                           or the lower rate adaptive sampling set (periods change only between intervals)
 * @param declaringMethod    of a probe a {@code @Profiled} annotation created, the method whose annotation
 *                           created it ({@link ProbeCoverage#declaringMethod}); {@code null} for a probe of
 *                           the configuration
 */
public record ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                            CallStats interval, CallStats total,
                            AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                            List<ExceptionCount> exceptions,
                            AbstractHistogram totalSelfTimeHistogram, AbstractHistogram totalAllocationHistogram,
                            int samplePeriod, BudgetStatus budget, boolean adaptive, ProbePriority priority,
                            int periodInForce, String declaringMethod) {

    /** A probe of the configuration. */
    public ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                         CallStats interval, CallStats total,
                         AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                         List<ExceptionCount> exceptions,
                         AbstractHistogram totalSelfTimeHistogram, AbstractHistogram totalAllocationHistogram,
                         int samplePeriod, BudgetStatus budget, boolean adaptive, ProbePriority priority,
                         int periodInForce) {
        this(id, name, pattern, methods, matchedClasses, interval, total, intervalHistogram, totalHistogram, exceptions,
                totalSelfTimeHistogram, totalAllocationHistogram, samplePeriod, budget, adaptive, priority,
                periodInForce, null);
    }

    /** A probe that adaptive sampling leaves alone, for sinks and tests that do not read adaptive sampling. */
    public ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                         CallStats interval, CallStats total,
                         AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                         List<ExceptionCount> exceptions,
                         AbstractHistogram totalSelfTimeHistogram, AbstractHistogram totalAllocationHistogram,
                         int samplePeriod, BudgetStatus budget) {
        this(id, name, pattern, methods, matchedClasses, interval, total, intervalHistogram, totalHistogram, exceptions,
                totalSelfTimeHistogram, totalAllocationHistogram, samplePeriod, budget, false, ProbePriority.NORMAL,
                samplePeriod);
    }

    /** A probe that times every call, without self-time or allocation histograms or budget, for sinks and tests that only read latency. */
    public ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                         CallStats interval, CallStats total,
                         AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                         List<ExceptionCount> exceptions) {
        this(id, name, pattern, methods, matchedClasses, interval, total, intervalHistogram, totalHistogram,
                exceptions, null, null, 1, BudgetStatus.NONE);
    }

    /** A sampled probe without self-time or allocation histograms or budget. */
    public ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                         CallStats interval, CallStats total,
                         AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                         List<ExceptionCount> exceptions, int samplePeriod) {
        this(id, name, pattern, methods, matchedClasses, interval, total, intervalHistogram, totalHistogram,
                exceptions, null, null, samplePeriod, BudgetStatus.NONE);
    }

    /** A probe with a budget, without self-time or allocation histograms. */
    public ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                         CallStats interval, CallStats total,
                         AbstractHistogram intervalHistogram, AbstractHistogram totalHistogram,
                         List<ExceptionCount> exceptions, BudgetStatus budget) {
        this(id, name, pattern, methods, matchedClasses, interval, total, intervalHistogram, totalHistogram,
                exceptions, null, null, 1, budget);
    }
}
