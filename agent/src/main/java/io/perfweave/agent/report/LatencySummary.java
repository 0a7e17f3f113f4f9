package io.perfweave.agent.report;

import org.HdrHistogram.AbstractHistogram;

/**
 * The latency figures every output shows, in nanoseconds, taken from one histogram. Values are
 * HdrHistogram's: each within the histogram's precision (1% with the default two significant digits).
 *
 * @param samples how many calls were timed (calls whose record was dropped are not)
 */
public record LatencySummary(long samples, long min, long p50, long p90, long p99, long p999, long max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(AbstractHistogram histogram) {
        long samples = histogram.getTotalCount();
        if (samples == 0) {
            return EMPTY;
        }
        return new LatencySummary(samples,
                histogram.lowestEquivalentValue(histogram.getMinValue()),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.highestEquivalentValue(histogram.getMaxValue()),
                histogram.getMean());
    }
}
