package io.perfweave.agent.probe;

/**
 * An immutable copy of one {@link DrainedRecord}, for tests: the ring reuses its record for every
 * one it drains, so a test that keeps records copies them.
 */
public record Drained(int probeId, int parentProbeId, int outcome, boolean nested, long durationNanos,
                      long allocatedBytes, long childNanos, Class<?> thrownType) {

    public static Drained copyOf(DrainedRecord record) {
        return new Drained(record.probeId(), record.parentProbeId(), record.outcome(), record.nested(),
                record.durationNanos(), record.allocatedBytes(), record.childNanos(), record.thrownType());
    }

    /** The part of the call not spent in probed callees. */
    public long selfNanos() {
        return durationNanos - childNanos;
    }
}
