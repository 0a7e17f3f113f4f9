package io.perfweave.agent.report;

/**
 * What a probe saw over one stretch of time (an interval, or the whole run).
 *
 * @param calls          every call, including failed ones and ones whose record was dropped
 * @param errors         calls that ended by throwing, dropped ones included
 * @param dropped        calls whose record did not fit in a full ring: counted, but not timed
 * @param latency        all timed calls
 * @param failedLatency  the timed calls that ended by throwing
 * @param allocation     bytes allocated per call, or {@code null} when the probe does not measure it
 * @param totalTimeNanos time in the probe's methods, callees included; a call made while the same
 *                       probe was already running further up the stack (recursion) adds nothing,
 *                       because its time is inside the outer call's
 * @param selfTimeNanos  {@code totalTimeNanos} less the time spent in other probed methods called
 *                       from it; across all probes, each nanosecond is someone's self time once
 */
public record CallStats(long calls, long errors, long dropped, LatencySummary latency, LatencySummary failedLatency,
                        AllocationSummary allocation, long totalTimeNanos, long selfTimeNanos) {

    /** Errors as a fraction of calls, 0 when there were no calls. */
    public double errorRate() {
        return calls == 0 ? 0 : (double) errors / calls;
    }
}
