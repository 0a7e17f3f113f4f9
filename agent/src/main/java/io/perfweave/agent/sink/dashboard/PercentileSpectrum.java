package io.perfweave.agent.sink.dashboard;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as HdrHistogram users plot it: the value at percentiles that get denser
 * towards 100% (five steps for each halving of the distance to 100%), which on a log axis of
 * {@code 1 / (1 - percentile)} spreads the tail as evenly as the middle. Immutable.
 */
public final class PercentileSpectrum {

    public static final PercentileSpectrum EMPTY = new PercentileSpectrum(new double[0], new long[0]);

    /** The same density as HdrHistogram's {@code outputPercentileDistribution} with its default of 5. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private final double[] percentiles;
    private final long[] valuesNanos;

    private PercentileSpectrum(double[] percentiles, long[] valuesNanos) {
        this.percentiles = percentiles;
        this.valuesNanos = valuesNanos;
    }

    /** Reads the spectrum of a histogram; the histogram is only read. */
    public static PercentileSpectrum of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        double[] percentiles = new double[64];
        long[] values = new long[64];
        int size = 0;
        for (HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            if (size == percentiles.length) {
                percentiles = Arrays.copyOf(percentiles, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            percentiles[size] = value.getPercentileLevelIteratedTo();
            values[size] = histogram.highestEquivalentValue(value.getValueIteratedTo());
            size++;
        }
        return new PercentileSpectrum(Arrays.copyOf(percentiles, size), Arrays.copyOf(values, size));
    }

    public int size() {
        return percentiles.length;
    }

    /** The percentile of point {@code i}, 0 to 100, increasing; the last point is 100. */
    public double percentile(int i) {
        return percentiles[i];
    }

    /** The latency at point {@code i}: the highest value the histogram counts as equal to it. */
    public long valueNanos(int i) {
        return valuesNanos[i];
    }
}
