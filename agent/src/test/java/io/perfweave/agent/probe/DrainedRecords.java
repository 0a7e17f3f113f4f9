package io.perfweave.agent.probe;

/**
 * Builds {@link DrainedRecord}s for tests of the reporter, which otherwise only gets them from a
 * ring. Defaults: a root call ({@link ProbeRing#NO_PARENT}) that returned, not nested, lasting 0ns,
 * with no probed callee and allocation not measured.
 */
public final class DrainedRecords {

    private final DrainedRecord record = new DrainedRecord();

    private DrainedRecords(int probeId) {
        record.probeId = probeId;
        record.parentProbeId = ProbeRing.NO_PARENT;
        record.outcome = ProbeRing.OUTCOME_RETURNED;
        record.allocatedBytes = ProbeRing.NOT_MEASURED;
    }

    public static DrainedRecords call(int probeId) {
        return new DrainedRecords(probeId);
    }

    public DrainedRecords lasting(long durationNanos) {
        record.durationNanos = durationNanos;
        return this;
    }

    public DrainedRecords under(int parentProbeId) {
        record.parentProbeId = parentProbeId;
        return this;
    }

    public DrainedRecords inCallees(long childNanos) {
        record.childNanos = childNanos;
        return this;
    }

    public DrainedRecords nested() {
        record.nested = true;
        return this;
    }

    /** Ended by throwing an exception of {@code type} (which may be null: the class was not known). */
    public DrainedRecords threw(Class<? extends Throwable> type) {
        record.outcome = ProbeRing.OUTCOME_THREW;
        record.thrownType = type;
        return this;
    }

    public DrainedRecords allocating(long bytes) {
        record.allocatedBytes = bytes;
        return this;
    }

    public DrainedRecord build() {
        return record;
    }
}
