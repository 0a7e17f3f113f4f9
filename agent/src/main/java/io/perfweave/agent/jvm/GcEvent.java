package io.perfweave.agent.jvm;

/**
 * One garbage collection as the JVM reported it.
 *
 * @param collector        the collector's name, as its MXBean has it ({@code G1 Young Generation}, {@code ZGC Pauses})
 * @param action           the JVM's words for it ({@code end of minor GC})
 * @param cause            why it ran ({@code G1 Evacuation Pause}, {@code System.gc()})
 * @param kind             pause or concurrent cycle
 * @param startEpochMillis when it started, in milliseconds since the epoch (the JVM reports milliseconds)
 * @param durationMillis   how long it took, in milliseconds; sub-millisecond pauses are 0
 * @param oldGenAfter      the old generation's occupancy after it, or {@code null} when the
 *                         collection does not say what survived (see {@link GcKind#measuresSurvivors})
 */
public record GcEvent(String collector, String action, String cause, GcKind kind, long startEpochMillis,
                      long durationMillis, Occupancy oldGenAfter) {

    public long endEpochMillis() {
        return startEpochMillis + durationMillis;
    }
}
