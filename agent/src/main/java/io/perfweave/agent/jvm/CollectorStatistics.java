package io.perfweave.agent.jvm;

import org.HdrHistogram.Histogram;

/** One collector's counts and duration histograms, for the interval and since start. Reporter thread only. */
final class CollectorStatistics {

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final String name;
    private final GcKind kind;
    private final Histogram interval;
    private final Histogram total;
    private long intervalMillis;
    private long totalMillis;
    private long intervalMaxMillis;
    private long totalMaxMillis;

    CollectorStatistics(String name, GcKind kind, int significantDigits) {
        this.name = name;
        this.kind = kind;
        this.interval = new Histogram(significantDigits);
        this.total = new Histogram(significantDigits);
    }

    void record(GcEvent event) {
        long millis = Math.max(0, event.durationMillis());
        interval.recordValue(millis * NANOS_PER_MILLI);
        intervalMillis += millis;
        intervalMaxMillis = Math.max(intervalMaxMillis, millis);
    }

    /** Adds the interval to the totals and returns the figures; call {@link #startNextInterval} once the sinks have read them. */
    CollectorActivity close() {
        total.add(interval);
        totalMillis += intervalMillis;
        totalMaxMillis = Math.max(totalMaxMillis, intervalMaxMillis);
        return new CollectorActivity(name, kind, interval.getTotalCount(), total.getTotalCount(), intervalMillis,
                totalMillis, intervalMaxMillis, totalMaxMillis, interval, total);
    }

    void startNextInterval() {
        interval.reset();
        intervalMillis = 0;
        intervalMaxMillis = 0;
    }

    long footprintBytes() {
        return interval.getEstimatedFootprintInBytes() + total.getEstimatedFootprintInBytes();
    }
}
