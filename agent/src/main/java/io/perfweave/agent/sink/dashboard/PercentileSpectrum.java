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

    /**
     * Reads the spectrum of a histogram in one pass over its recorded values; the histogram is only
     * read. Every point is exactly the histogram's {@code getValueAtPercentile} at its level, and
     * the levels go on until fewer than one sample lies beyond (HdrHistogram's own percentile
     * iterator stops at the bucket of the maximum instead, which leaves the tail with fewer points).
     */
    public static PercentileSpectrum of(AbstractHistogram histogram) {
        long total = histogram.getTotalCount();
        if (total == 0) {
            return EMPTY;
        }
        double[] percentiles = levels(total);
        long[] values = new long[percentiles.length];
        int next = 0;
        long cumulative = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            cumulative += value.getCountAtValueIteratedTo();
            while (next < percentiles.length && cumulative >= rank(percentiles[next], total)) {
                values[next++] = histogram.highestEquivalentValue(value.getValueIteratedTo());
            }
        }
        while (next < percentiles.length) {
            values[next++] = histogram.highestEquivalentValue(histogram.getMaxValue());
        }
        return new PercentileSpectrum(percentiles, values);
    }

    /** 0, then {@value #TICKS_PER_HALF_DISTANCE} levels per halving of the distance to 100 while a sample lies beyond, then 100. */
    private static double[] levels(long total) {
        double[] levels = new double[64];
        int size = 0;
        for (int step = 0; ; step++) {
            double level = 100.0 * (1 - Math.pow(0.5, (double) step / TICKS_PER_HALF_DISTANCE));
            if ((100.0 - level) / 100.0 * total < 1) {
                break;
            }
            if (size == levels.length - 1) {
                levels = Arrays.copyOf(levels, size * 2);
            }
            levels[size++] = level;
        }
        levels[size++] = 100.0;
        return Arrays.copyOf(levels, size);
    }

    /** How many samples lie at or below the percentile: at least one, as HdrHistogram's getValueAtPercentile counts. */
    private static long rank(double percentile, long total) {
        return Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
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
