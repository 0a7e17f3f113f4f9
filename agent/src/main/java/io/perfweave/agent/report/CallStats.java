package io.perfweave.agent.report;

/**
 * What a probe saw over one stretch of time (an interval, or the whole run).
 *
 * @param calls          every call, including failed ones, ones whose record was dropped and untimed ones
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
 * @param untimed        calls of a probe with {@code sample = 1/N} that were counted and, by the sampling, not
 *                       timed; with {@code dropped}, the calls missing from {@code latency}
 */
public record CallStats(long calls, long errors, long dropped, LatencySummary latency, LatencySummary failedLatency,
                        AllocationSummary allocation, long totalTimeNanos, long selfTimeNanos, long untimed) {

    /** Figures of a probe that times every call. */
    public CallStats(long calls, long errors, long dropped, LatencySummary latency, LatencySummary failedLatency,
                     AllocationSummary allocation, long totalTimeNanos, long selfTimeNanos) {
        this(calls, errors, dropped, latency, failedLatency, allocation, totalTimeNanos, selfTimeNanos, 0);
    }

    /** The timed calls as a fraction of all calls (1 when there were none): what sampling and dropping left. */
    public double timedRate() {
        return calls == 0 ? 1 : (double) latency.samples() / calls;
    }

    /** Errors as a fraction of calls, 0 when there were no calls. */
    public double errorRate() {
        return calls == 0 ? 0 : (double) errors / calls;
    }
}
