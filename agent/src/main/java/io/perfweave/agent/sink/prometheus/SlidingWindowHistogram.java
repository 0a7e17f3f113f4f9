package io.perfweave.agent.sink.prometheus;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The latency of one probe over the last window of time, for the quantiles of the Prometheus
 * summary. Reporter thread only.
 *
 * <p>Like the Prometheus client libraries' summaries, the window is cut into {@link #AGES} age
 * buckets: each interval's histogram goes into the current one, and when the current one is older
 * than a fifth of the window the oldest is emptied and becomes current. The window so covers
 * between four fifths of its length and all of it, with five histograms per probe instead of one
 * per interval. The histograms are created on the first interval that timed a call, so probes that
 * never run cost nothing.
 */
final class SlidingWindowHistogram {

    static final int AGES = 5;

    private final long ageNanos;
    private Histogram[] ages;
    /** Which age bucket, counted from the start of the run, is current. */
    private long currentAge;

    SlidingWindowHistogram(long windowNanos) {
        this.ageNanos = Math.max(1, windowNanos / AGES);
    }

    /**
     * Adds one interval's histogram (not modified).
     *
     * @param intervalEndNanos when the interval ended, in nanoseconds since the run started
     */
    void add(AbstractHistogram interval, long intervalEndNanos) {
        long age = intervalEndNanos / ageNanos;
        if (ages != null) {
            for (long next = currentAge + 1; next <= Math.min(age, currentAge + AGES); next++) {
                ages[(int) (next % AGES)].reset();
            }
        }
        currentAge = Math.max(currentAge, age);
        if (interval.getTotalCount() == 0) {
            return;
        }
        if (ages == null) {
            ages = new Histogram[AGES];
            for (int i = 0; i < AGES; i++) {
                ages[i] = new Histogram(interval.getNumberOfSignificantValueDigits());
            }
        }
        ages[(int) (currentAge % AGES)].add(interval);
    }

    /** Replaces what {@code target} holds with the window's values. */
    void copyInto(Histogram target) {
        target.reset();
        if (ages != null) {
            for (Histogram age : ages) {
                target.add(age);
            }
        }
    }
}
