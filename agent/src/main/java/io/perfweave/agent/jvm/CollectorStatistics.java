package io.perfweave.agent.jvm;

import org.HdrHistogram.Histogram;

/** One collector's counts and duration histograms, for the interval and since start. Reporter thread only. */
final class CollectorStatistics {

    private static final long NANOS_PER_MILLI = 1_000_000;

    private final String name;
    private final GcKind kind;
    private final Histogram interval;
    private final Histogram total;

    CollectorStatistics(String name, GcKind kind, int significantDigits) {
        this.name = name;
        this.kind = kind;
        this.interval = new Histogram(significantDigits);
        this.total = new Histogram(significantDigits);
    }

    void record(GcEvent event) {
        interval.recordValue(event.durationMillis() * NANOS_PER_MILLI);
    }

    /** Adds the interval to the totals and returns the figures; call {@link #startNextInterval} once the sinks have read them. */
    CollectorActivity close() {
        total.add(interval);
        return new CollectorActivity(name, kind, interval.getTotalCount(), total.getTotalCount(), interval, total);
    }

    void startNextInterval() {
        interval.reset();
    }

    long footprintBytes() {
        return interval.getEstimatedFootprintInBytes() + total.getEstimatedFootprintInBytes();
    }
}
