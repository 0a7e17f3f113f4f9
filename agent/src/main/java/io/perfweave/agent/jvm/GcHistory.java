package io.perfweave.agent.jvm;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent collections and memory pressure changes, so that the {@link JvmContext} of any recent
 * window can be told afterwards. Keeps at most {@value #MAX_EVENTS} collections and
 * {@value #MAX_PRESSURE_CHANGES} pressure changes; older ones are forgotten, and a window reaching
 * before what is kept is marked incomplete. Reporter thread only.
 */
final class GcHistory {

    static final int MAX_EVENTS = 4096;
    static final int MAX_PRESSURE_CHANGES = 256;

    private final Deque<GcEvent> events = new ArrayDeque<>();
    /** Pairs of (epoch millis, level ordinal), oldest first. */
    private final Deque<long[]> pressureChanges = new ArrayDeque<>();
    private long forgottenUntilEpochMillis = Long.MIN_VALUE;
    private PressureLevel levelBeforeKeptChanges = PressureLevel.GREEN;

    void add(GcEvent event) {
        if (events.size() == MAX_EVENTS) {
            forgottenUntilEpochMillis = Math.max(forgottenUntilEpochMillis, events.removeFirst().endEpochMillis());
        }
        events.addLast(event);
    }

    void pressureChanged(long atEpochMillis, PressureLevel to) {
        if (pressureChanges.size() == MAX_PRESSURE_CHANGES) {
            levelBeforeKeptChanges = PressureLevel.values()[(int) pressureChanges.removeFirst()[1]];
        }
        pressureChanges.addLast(new long[] {atEpochMillis, to.ordinal()});
    }

    JvmContext contextOf(Instant start, Instant end) {
        long from = start.toEpochMilli();
        long to = end.toEpochMilli();
        int pauses = 0;
        int cycles = 0;
        long pauseMillis = 0;
        GcEvent longest = null;
        for (GcEvent event : events) {
            if (event.startEpochMillis() > to || event.endEpochMillis() < from) {
                continue;
            }
            if (event.kind() == GcKind.CYCLE) {
                cycles++;
                continue;
            }
            pauses++;
            pauseMillis += event.durationMillis();
            if (longest == null || event.durationMillis() > longest.durationMillis()) {
                longest = event;
            }
        }
        return new JvmContext(start, end, pauses, pauseMillis, longest == null ? 0 : longest.durationMillis(),
                longest == null ? null : longest.collector(), cycles, highestPressure(from, to),
                forgottenUntilEpochMillis < from);
    }

    private PressureLevel highestPressure(long from, long to) {
        PressureLevel atStart = levelBeforeKeptChanges;
        PressureLevel highest = null;
        for (long[] change : pressureChanges) {
            PressureLevel level = PressureLevel.values()[(int) change[1]];
            if (change[0] <= from) {
                atStart = level;
            } else if (change[0] <= to && (highest == null || level.isAbove(highest))) {
                highest = level;
            }
        }
        return highest != null && highest.isAbove(atStart) ? highest : atStart;
    }
}
