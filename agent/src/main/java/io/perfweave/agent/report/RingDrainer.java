package io.perfweave.agent.report;

import io.perfweave.agent.probe.DrainedRecord;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.RecordConsumer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Moves records from every thread's ring into the per-probe statistics. Reporter thread only.
 *
 * <p>A ring whose owner has died, or moved on to a larger ring, is drained one last time and then
 * forgotten, so the rings of short-lived threads do not pile up.
 */
final class RingDrainer implements RecordConsumer {

    private final List<ProbeRing> rings = new ArrayList<>();
    private final IntFunction<ProbeStatistics> statistics;
    private final CallTreeRecorder callTree;
    private int mostDrained;

    /** @param statistics the statistics of a probe id, or {@code null} for an id this agent never issued */
    RingDrainer(IntFunction<ProbeStatistics> statistics, CallTreeRecorder callTree) {
        this.statistics = statistics;
        this.callTree = callTree;
    }

    /**
     * Drains every ring once.
     *
     * @return the highest fill ratio (0 to 1) found before draining, to pace the next drain
     */
    double drainAll() {
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            rings.add(ring);
        }
        double highestFill = 0;
        int most = 0;
        for (Iterator<ProbeRing> it = rings.iterator(); it.hasNext(); ) {
            ProbeRing ring = it.next();
            boolean finished = ring.isFinished();
            int drained = ring.drain(this);
            ring.takeUntimed(this::untimed);
            highestFill = Math.max(highestFill, (double) drained / ring.capacity());
            most = Math.max(most, drained);
            if (finished) {
                it.remove();
            }
        }
        mostDrained = most;
        return highestFill;
    }

    /**
     * The most records the last {@link #drainAll()} found in one ring, as a fraction of the largest
     * ring a thread may have ({@code ring.capacity}): how close that drain came to dropping records.
     * Unlike the pacing figure, a small ring that is full but may still grow does not count as full.
     */
    double lastFillOfMaximum() {
        return Math.min(1.0, (double) mostDrained / ProbeRings.maxCapacity());
    }

    int ringCount() {
        return rings.size();
    }

    private void untimed(int probeId, int outcome, long calls) {
        ProbeStatistics probe = statistics.apply(probeId);
        if (probe != null) {
            probe.countUntimed(outcome, calls);
        }
    }

    /** What the rings drained take on the heap, estimated. */
    long ringBytes() {
        long bytes = 0;
        for (ProbeRing ring : rings) {
            bytes += ring.footprintBytes();
        }
        return bytes;
    }

    @Override
    public void accept(DrainedRecord record) {
        int probeId = record.probeId();
        ProbeStatistics probe = statistics.apply(probeId);
        // Only ids this agent issued can be in a ring; the check keeps a corrupt record from stopping the drain.
        if (probe != null) {
            probe.record(record);
            callTree.record(record.parentProbeId(), probeId, record.durationNanos(), record.nested());
        }
    }
}
