package io.perfweave.agent.probe;

/**
 * One record as {@link ProbeRing#drain} hands it to the reporter. The ring reuses one instance for
 * every record it drains, so a consumer reads the fields during {@code accept} and keeps none of it.
 */
public final class DrainedRecord {

    int probeId;
    int parentProbeId;
    int outcome;
    boolean nested;
    long durationNanos;
    long allocatedBytes;
    long childNanos;
    Class<?> thrownType;

    DrainedRecord() {
    }

    public int probeId() {
        return probeId;
    }

    /** The probe of the innermost probed caller on the same thread, or {@link ProbeRing#NO_PARENT}. */
    public int parentProbeId() {
        return parentProbeId;
    }

    public int outcome() {
        return outcome;
    }

    /** Whether the same probe was already running further up the thread's stack (recursion). */
    public boolean nested() {
        return nested;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Bytes the thread allocated during the call, or {@link ProbeRing#NOT_MEASURED}. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Nanoseconds of the call spent in probed callees; the rest is the call's self time. */
    public long childNanos() {
        return childNanos;
    }

    /** The class of the exception the call ended with, or {@code null}. */
    public Class<?> thrownType() {
        return thrownType;
    }
}
