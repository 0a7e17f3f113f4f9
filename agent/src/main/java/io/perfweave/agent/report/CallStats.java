package io.perfweave.agent.report;

/**
 * What a probe saw over one stretch of time (an interval, or the whole run).
 *
 * @param calls   every call, including failed ones and ones whose record was dropped
 * @param errors  calls that ended by throwing, dropped ones included
 * @param dropped calls whose record did not fit in a full ring: counted, but not timed
 */
public record CallStats(long calls, long errors, long dropped, LatencySummary latency) {
}
