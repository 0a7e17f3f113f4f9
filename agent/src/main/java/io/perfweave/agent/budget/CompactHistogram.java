package io.perfweave.agent.budget;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The recorded values of one interval's histogram, kept as (value, count) pairs. An interval's
 * histogram usually holds a few hundred distinct values in a counts array of thousands, so a window
 * of many intervals of many probes costs a fraction of the memory that copies of the histograms
 * would. The arrays are reused from interval to interval. Reporter thread only.
 */
final class CompactHistogram {

    private long[] values = new long[16];
    private long[] counts = new long[16];
    private int size;

    /** Replaces the content with {@code histogram}'s. */
    void copyFrom(AbstractHistogram histogram) {
        size = 0;
        if (histogram == null) {
            return;
        }
        for (HistogramIterationValue value : histogram.recordedValues()) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            values[size] = value.getValueIteratedTo();
            counts[size] = value.getCountAtValueIteratedTo();
            size++;
        }
    }

    /**
     * Takes every value out of {@code target}, which must hold them (each was added to it before), by
     * recording negative counts into the buckets they came from. The counts and the total stay exact;
     * the target's tracked minimum and maximum do not shrink, so read the maximum of a histogram
     * handled this way as its 100th percentile, which is computed from the counts.
     */
    void subtractFrom(Histogram target) {
        for (int i = 0; i < size; i++) {
            target.recordValueWithCount(values[i], -counts[i]);
        }
    }

    int distinctValues() {
        return size;
    }
}
