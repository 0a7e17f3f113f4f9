package io.perfweave.agent.budget;

import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The last {@code length} intervals of one probe, added up, so that a budget is judged over a window
 * longer than one interval: one slow call among many does not move the window's p99, a sustained
 * slowdown does. Keeps the previous {@code length - 1} intervals (as {@link CompactHistogram}s and
 * counters) and adds the current one to them in reusable scratch histograms; a window of one
 * interval is the interval itself and copies nothing. Reporter thread only.
 */
final class SlidingWindow {

    /** The figures of a window; the histograms are lent until the next {@link #sum}. */
    record Figures(AbstractHistogram latency, AbstractHistogram allocation, long calls, long errors, long spanNanos) {
    }

    private final int previous;
    private final CompactHistogram[] latency;
    private final CompactHistogram[] allocation;
    private final long[] calls;
    private final long[] errors;
    private final Instant[] starts;
    private final Histogram latencyScratch;
    private final Histogram allocationScratch;
    private int next;
    private int filled;

    SlidingWindow(int length, int significantDigits) {
        this.previous = length - 1;
        this.latency = new CompactHistogram[previous];
        this.allocation = new CompactHistogram[previous];
        for (int i = 0; i < previous; i++) {
            latency[i] = new CompactHistogram();
            allocation[i] = new CompactHistogram();
        }
        this.calls = new long[previous];
        this.errors = new long[previous];
        this.starts = new Instant[previous];
        this.latencyScratch = previous == 0 ? null : new Histogram(significantDigits);
        this.allocationScratch = previous == 0 ? null : new Histogram(significantDigits);
    }

    /**
     * The window ending with the interval just closed, then remembers that interval for the next windows.
     *
     * @param intervalAllocation {@code null} when the probe does not measure allocation
     */
    Figures sum(AbstractHistogram intervalLatency, AbstractHistogram intervalAllocation, long intervalCalls,
                long intervalErrors, Instant start, Instant end) {
        if (previous == 0) {
            return new Figures(intervalLatency, intervalAllocation, intervalCalls, intervalErrors,
                    Duration.between(start, end).toNanos());
        }
        latencyScratch.reset();
        latencyScratch.add(intervalLatency);
        allocationScratch.reset();
        if (intervalAllocation != null) {
            allocationScratch.add(intervalAllocation);
        }
        long windowCalls = intervalCalls;
        long windowErrors = intervalErrors;
        Instant windowStart = start;
        for (int i = 0; i < filled; i++) {
            latency[i].addTo(latencyScratch);
            allocation[i].addTo(allocationScratch);
            windowCalls += calls[i];
            windowErrors += errors[i];
            if (starts[i].isBefore(windowStart)) {
                windowStart = starts[i];
            }
        }
        Figures figures = new Figures(latencyScratch, intervalAllocation == null ? null : allocationScratch, windowCalls,
                windowErrors, Duration.between(windowStart, end).toNanos());
        remember(intervalLatency, intervalAllocation, intervalCalls, intervalErrors, start);
        return figures;
    }

    private void remember(AbstractHistogram intervalLatency, AbstractHistogram intervalAllocation, long intervalCalls,
                          long intervalErrors, Instant start) {
        latency[next].copyFrom(intervalLatency);
        allocation[next].copyFrom(intervalAllocation);
        calls[next] = intervalCalls;
        errors[next] = intervalErrors;
        starts[next] = start;
        next = (next + 1) % previous;
        filled = Math.min(filled + 1, previous);
    }
}
