package io.perfweave.agent.report;

import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import org.HdrHistogram.Histogram;

/**
 * The histograms and counters of one probe. Reporter thread only.
 *
 * <p>Records go into the interval histogram; at the end of each interval it is added to the
 * cumulative one and reset, so a record costs one histogram update however long the run. Both
 * histograms resize themselves to the largest value seen, keeping the configured precision.
 */
final class ProbeStatistics {

    private final int probeId;
    private final Histogram interval;
    private final Histogram total;
    private long intervalCalls;
    private long intervalErrors;
    private long totalCalls;
    private long totalErrors;
    private long droppedReturnedAtLastInterval;
    private long droppedThrewAtLastInterval;

    ProbeStatistics(int probeId, int significantDigits) {
        this.probeId = probeId;
        this.interval = new Histogram(significantDigits);
        this.total = new Histogram(significantDigits);
    }

    void record(int outcome, long durationNanos) {
        interval.recordValue(Math.max(0, durationNanos));
        intervalCalls++;
        if (outcome == ProbeRing.OUTCOME_THREW) {
            intervalErrors++;
        }
    }

    /** The figures of a closed interval, and of the run up to its end, with the histograms behind them. */
    record Closed(CallStats interval, CallStats total, Histogram intervalHistogram, Histogram totalHistogram) {
    }

    /**
     * Closes the interval: returns its figures and the run's so far. The interval histogram keeps its
     * values until {@link #startNextInterval()}, so that sinks can read it.
     */
    Closed closeInterval() {
        long droppedReturned = ProbeRings.dropped(probeId, ProbeRing.OUTCOME_RETURNED);
        long droppedThrew = ProbeRings.dropped(probeId, ProbeRing.OUTCOME_THREW);
        long intervalDroppedReturned = droppedReturned - droppedReturnedAtLastInterval;
        long intervalDroppedThrew = droppedThrew - droppedThrewAtLastInterval;
        droppedReturnedAtLastInterval = droppedReturned;
        droppedThrewAtLastInterval = droppedThrew;

        CallStats intervalStats = new CallStats(
                intervalCalls + intervalDroppedReturned + intervalDroppedThrew,
                intervalErrors + intervalDroppedThrew,
                intervalDroppedReturned + intervalDroppedThrew,
                LatencySummary.of(interval));
        total.add(interval);
        totalCalls += intervalCalls;
        totalErrors += intervalErrors;
        CallStats totalStats = new CallStats(
                totalCalls + droppedReturned + droppedThrew,
                totalErrors + droppedThrew,
                droppedReturned + droppedThrew,
                LatencySummary.of(total));
        intervalCalls = 0;
        intervalErrors = 0;
        return new Closed(intervalStats, totalStats, interval, total);
    }

    /** Empties the interval histogram, once every sink has seen the closed interval. */
    void startNextInterval() {
        interval.reset();
    }
}
