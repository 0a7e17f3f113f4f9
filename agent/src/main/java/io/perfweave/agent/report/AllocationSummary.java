package io.perfweave.agent.report;

import org.HdrHistogram.Histogram;

/**
 * Bytes allocated per call by the calling thread, callees included. Calls on threads where the JVM
 * does not count allocation (virtual threads) are not in it. {@code min}, {@code max}, {@code mean}
 * and {@code totalBytes} are exact; the percentiles come from a histogram and are within its
 * precision (1% with the default two significant digits).
 *
 * @param samples    calls measured
 * @param totalBytes exact sum over those calls
 */
public record AllocationSummary(long samples, long min, long p50, long p90, long p99, long max, double mean,
                                long totalBytes) {

    static AllocationSummary of(Histogram histogram, long totalBytes, long min, long max) {
        if (histogram.getTotalCount() == 0) {
            return new AllocationSummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new AllocationSummary(histogram.getTotalCount(),
                min,
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                max,
                (double) totalBytes / histogram.getTotalCount(),
                totalBytes);
    }
}
