package io.perfweave.agent.report;

import io.perfweave.agent.probe.DrainedRecord;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The histograms and counters of one probe. Reporter thread only.
 *
 * <p>Records go into the interval histograms; at the end of each interval they are added to the
 * cumulative ones and, once every sink has seen them, reset, so a record costs one histogram update
 * however long the run. Histograms resize themselves to the largest value seen, keeping the
 * configured precision; the ones for failed calls and allocation are created on first use.
 */
final class ProbeStatistics {

    /** Exception classes tracked by name per probe; the rest are summed as {@link ExceptionCount#OTHER}. */
    static final int MAX_EXCEPTION_CLASSES = 8;

    private final int probeId;
    private final int significantDigits;
    private final boolean measuresAllocation;
    private final Window interval;
    private final Window total;
    /** Keyed by class name, not class, so that no class (and its loader) is kept alive by the agent. */
    private final Map<String, long[]> exceptionCounts = new LinkedHashMap<>();
    private long otherExceptions;
    private long droppedReturnedAtLastInterval;
    private long droppedThrewAtLastInterval;
    /** Whether any call so far had a probed callee, so that its self time differs from its latency. */
    private boolean hasProbedCallees;

    /** The figures of one stretch of time. */
    private final class Window {
        final Histogram latency = new Histogram(significantDigits);
        /**
         * Per call: latency less the time in probed callees. {@code null} until a call has a probed callee:
         * until then it would equal {@code latency}, and most probes never have one (a histogram per probe
         * and window saved: about a quarter of the agent's heap per probe, measured with 1,000 probes).
         */
        Histogram selfTime;
        Histogram failedLatency;
        Histogram allocation;
        long calls;
        long errors;
        /** Calls of a sampled probe that were counted and not timed; part of {@code calls}. */
        long untimed;
        long allocatedBytes;
        long allocatedMin = Long.MAX_VALUE;
        long allocatedMax = Long.MIN_VALUE;
        long totalTimeNanos;
        long selfTimeNanos;

        void add(Window other) {
            latency.add(other.latency);
            if (other.selfTime != null) {
                selfTime().add(other.selfTime);
            }
            if (other.failedLatency != null) {
                failed().add(other.failedLatency);
            }
            if (other.allocation != null) {
                allocation().add(other.allocation);
            }
            calls += other.calls;
            errors += other.errors;
            untimed += other.untimed;
            allocatedBytes += other.allocatedBytes;
            allocatedMin = Math.min(allocatedMin, other.allocatedMin);
            allocatedMax = Math.max(allocatedMax, other.allocatedMax);
            totalTimeNanos += other.totalTimeNanos;
            selfTimeNanos += other.selfTimeNanos;
        }

        void reset() {
            latency.reset();
            if (selfTime != null) {
                selfTime.reset();
            }
            if (failedLatency != null) {
                failedLatency.reset();
            }
            if (allocation != null) {
                allocation.reset();
            }
            calls = 0;
            errors = 0;
            untimed = 0;
            allocatedBytes = 0;
            allocatedMin = Long.MAX_VALUE;
            allocatedMax = Long.MIN_VALUE;
            totalTimeNanos = 0;
            selfTimeNanos = 0;
        }

        long footprintBytes() {
            return latency.getEstimatedFootprintInBytes()
                    + (selfTime == null ? 0 : selfTime.getEstimatedFootprintInBytes())
                    + (failedLatency == null ? 0 : failedLatency.getEstimatedFootprintInBytes())
                    + (allocation == null ? 0 : allocation.getEstimatedFootprintInBytes());
        }

        Histogram selfTime() {
            if (selfTime == null) {
                selfTime = new Histogram(significantDigits);
            }
            return selfTime;
        }

        /** The first call with a probed callee: every call before had its latency as self time. */
        void startSelfTime() {
            selfTime = latency.copy();
        }

        Histogram failed() {
            if (failedLatency == null) {
                failedLatency = new Histogram(significantDigits);
            }
            return failedLatency;
        }

        Histogram allocation() {
            if (allocation == null) {
                allocation = new Histogram(significantDigits);
            }
            return allocation;
        }

        CallStats stats(long droppedReturned, long droppedThrew) {
            return new CallStats(
                    calls + droppedReturned + droppedThrew,
                    errors + droppedThrew,
                    droppedReturned + droppedThrew,
                    LatencySummary.of(latency),
                    failedLatency == null ? LatencySummary.EMPTY : LatencySummary.of(failedLatency),
                    measuresAllocation ? AllocationSummary.of(allocation(), allocatedBytes, allocatedMin, allocatedMax) : null,
                    totalTimeNanos,
                    selfTimeNanos,
                    untimed);
        }
    }

    ProbeStatistics(int probeId, int significantDigits, boolean measuresAllocation) {
        this.probeId = probeId;
        this.significantDigits = significantDigits;
        this.measuresAllocation = measuresAllocation;
        this.interval = new Window();
        this.total = new Window();
    }

    void record(DrainedRecord record) {
        long duration = Math.max(0, record.durationNanos());
        Window window = interval;
        if (record.childNanos() > 0 && !hasProbedCallees) {
            interval.startSelfTime();
            total.startSelfTime();
            hasProbedCallees = true;
        }
        window.latency.recordValue(duration);
        window.calls++;
        if (record.outcome() == ProbeRing.OUTCOME_THREW) {
            window.errors++;
            window.failed().recordValue(duration);
            countException(record.thrownType());
        }
        long allocated = record.allocatedBytes();
        if (allocated >= 0) {
            window.allocation().recordValue(allocated);
            window.allocatedBytes += allocated;
            window.allocatedMin = Math.min(window.allocatedMin, allocated);
            window.allocatedMax = Math.max(window.allocatedMax, allocated);
        }
        if (!record.nested()) {
            window.totalTimeNanos += duration;
        }
        long selfTime = Math.max(0, duration - record.childNanos());
        window.selfTimeNanos += selfTime;
        if (hasProbedCallees) {
            window.selfTime().recordValue(selfTime);
        }
    }

    /** Counts calls of a sampled probe that were not timed. */
    void countUntimed(int outcome, long count) {
        Window window = interval;
        window.calls += count;
        window.untimed += count;
        if (outcome == ProbeRing.OUTCOME_THREW) {
            window.errors += count;
        }
    }

    private void countException(Class<?> type) {
        if (type == null) {
            return;
        }
        String name = type.getName();
        long[] count = exceptionCounts.get(name);
        if (count != null) {
            count[0]++;
        } else if (exceptionCounts.size() < MAX_EXCEPTION_CLASSES) {
            exceptionCounts.put(name, new long[] {1});
        } else {
            otherExceptions++;
        }
    }

    /**
     * The figures of a closed interval, and of the run up to its end, with the latency histograms behind them.
     * {@code totalSelfTimeHistogram} is {@code null} while no call had a probed callee (it would equal the
     * latency); {@code totalAllocationHistogram} and {@code intervalAllocation} (the interval's allocation
     * histogram) are {@code null} when the probe does not measure allocation.
     */
    record Closed(CallStats interval, CallStats total, Histogram intervalHistogram, Histogram totalHistogram,
                  Histogram totalSelfTimeHistogram, Histogram totalAllocationHistogram, Histogram intervalAllocation) {
    }

    /**
     * Closes the interval: returns its figures and the run's so far. The interval histograms keep
     * their values until {@link #startNextInterval()}, so that sinks can read them.
     */
    Closed closeInterval() {
        long droppedReturned = ProbeRings.dropped(probeId, ProbeRing.OUTCOME_RETURNED);
        long droppedThrew = ProbeRings.dropped(probeId, ProbeRing.OUTCOME_THREW);
        CallStats intervalStats = interval.stats(droppedReturned - droppedReturnedAtLastInterval,
                droppedThrew - droppedThrewAtLastInterval);
        droppedReturnedAtLastInterval = droppedReturned;
        droppedThrewAtLastInterval = droppedThrew;
        total.add(interval);
        CallStats totalStats = total.stats(droppedReturned, droppedThrew);
        return new Closed(intervalStats, totalStats, interval.latency, total.latency,
                total.selfTime, measuresAllocation ? total.allocation() : null,
                measuresAllocation ? interval.allocation : null);
    }

    /**
     * A copy of every call's latency so far: the closed intervals and the open one. The caller owns
     * the copy; nothing here changes.
     */
    Histogram latencySoFar() {
        Histogram copy = total.latency.copy();
        copy.add(interval.latency);
        return copy;
    }

    /** Empties the interval, once every sink has seen the closed one. */
    /** What this probe's histograms take on the heap, as HdrHistogram estimates it. */
    long footprintBytes() {
        return interval.footprintBytes() + total.footprintBytes();
    }

    void startNextInterval() {
        interval.reset();
    }

    /** Exception classes of failed calls since start, most frequent first, with the rest as "other". */
    List<ExceptionCount> exceptions() {
        List<ExceptionCount> counts = new ArrayList<>();
        exceptionCounts.forEach((name, count) -> counts.add(new ExceptionCount(name, count[0])));
        counts.sort((a, b) -> Long.compare(b.count(), a.count()));
        if (otherExceptions > 0) {
            counts.add(new ExceptionCount(ExceptionCount.OTHER, otherExceptions));
        }
        return counts;
    }
}
