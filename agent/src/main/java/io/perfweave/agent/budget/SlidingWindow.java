package io.perfweave.agent.budget;

import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The last {@code length} intervals of one probe, added up, so that a budget is judged over a window
 * longer than one interval: one slow call among many does not move the window's p99, a sustained
 * slowdown does. The sum is kept running: each interval is added to it whole and remembered as a
 * {@link CompactHistogram}, and the interval that leaves the window is subtracted from it, so the
 * cost per interval does not grow with the window's length. A window of one interval is the
 * interval itself and copies nothing. The sum's maximum must be read as its 100th percentile (see
 * {@link CompactHistogram#subtractFrom}). Reporter thread only.
 */
final class SlidingWindow {

    /** The figures of a window; the histograms are lent until the next {@link #sum}. */
    record Figures(AbstractHistogram latency, AbstractHistogram allocation, long calls, long errors, long spanNanos) {
    }

    /** Intervals in a window; the last {@code length} intervals are kept, the current one included. */
    private final int length;
    private final CompactHistogram[] latency;
    private final CompactHistogram[] allocation;
    private final long[] calls;
    private final long[] errors;
    private final Instant[] starts;
    /** Always the sums of the intervals kept. */
    private final Histogram latencySum;
    private final Histogram allocationSum;
    private int next;
    private int filled;

    SlidingWindow(int length, int significantDigits) {
        this.length = length;
        int kept = length == 1 ? 0 : length;
        this.latency = new CompactHistogram[kept];
        this.allocation = new CompactHistogram[kept];
        for (int i = 0; i < kept; i++) {
            latency[i] = new CompactHistogram();
            allocation[i] = new CompactHistogram();
        }
        this.calls = new long[kept];
        this.errors = new long[kept];
        this.starts = new Instant[kept];
        this.latencySum = length == 1 ? null : new Histogram(significantDigits);
        this.allocationSum = length == 1 ? null : new Histogram(significantDigits);
    }

    /**
     * The window ending with the interval just closed: the oldest interval kept leaves it, this one
     * joins it.
     *
     * @param intervalAllocation {@code null} when the probe does not measure allocation
     */
    Figures sum(AbstractHistogram intervalLatency, AbstractHistogram intervalAllocation, long intervalCalls,
                long intervalErrors, Instant start, Instant end) {
        if (length == 1) {
            return new Figures(intervalLatency, intervalAllocation, intervalCalls, intervalErrors,
                    Duration.between(start, end).toNanos());
        }
        if (filled == length) {
            latency[next].subtractFrom(latencySum);
            allocation[next].subtractFrom(allocationSum);
        }
        latency[next].copyFrom(intervalLatency);
        allocation[next].copyFrom(intervalAllocation);
        calls[next] = intervalCalls;
        errors[next] = intervalErrors;
        starts[next] = start;
        next = (next + 1) % length;
        filled = Math.min(filled + 1, length);
        latencySum.add(intervalLatency);
        if (intervalAllocation != null) {
            allocationSum.add(intervalAllocation);
        }
        long windowCalls = 0;
        long windowErrors = 0;
        Instant windowStart = start;
        for (int i = 0; i < filled; i++) {
            windowCalls += calls[i];
            windowErrors += errors[i];
            if (starts[i].isBefore(windowStart)) {
                windowStart = starts[i];
            }
        }
        return new Figures(latencySum, intervalAllocation == null ? null : allocationSum, windowCalls, windowErrors,
                Duration.between(windowStart, end).toNanos());
    }
}
