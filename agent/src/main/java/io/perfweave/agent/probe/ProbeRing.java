package io.perfweave.agent.probe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * A bounded single-producer, single-consumer ring of fixed-size probe records.
 *
 * <p>Ownership: exactly one application thread (the owner) calls {@link #offer}; exactly one
 * thread, the reporter, calls {@link #drain}. The owner alone writes {@code producerIndex} and the
 * record slots; the reporter alone writes {@code consumerIndex}. Each side publishes its index with
 * a release store and reads the other side's index with an acquire load, so a record's slots are
 * visible to the reporter before the index that covers them, and a slot is reused by the owner only
 * after the reporter has finished reading it. Neither side ever waits for the other: a full ring
 * makes {@code offer} return {@code false} and the caller counts the record as dropped.
 *
 * <p>Why not a JCTools queue: those hold object references, so every record would be an object
 * (an allocation per call). Records here are primitive and stored in place in one {@code long[]}.
 * Why no padding between the two indices: the reporter touches a ring once per drain (every few
 * milliseconds), so a shared cache line costs the owner one miss per drain, not one per call.
 *
 * <p>Record layout, {@link #STRIDE} longs per record: duration in nanoseconds, allocated bytes
 * ({@link #NOT_MEASURED} when not measured), nanoseconds spent in probed callees, and a meta word:
 * probe id (bits 0-15), parent probe id + 1 (bits 16-31, 0 for none), outcome (bits 32-39) and the
 * nested flag (bit 40). The class of a thrown exception goes into a parallel reference array, and
 * the reporter clears it when it drains the record so that no class is held longer than needed.
 */
public final class ProbeRing {

    /** Longs per record. */
    static final int STRIDE = 4;

    /** Value of the allocated-bytes slot when allocation was not measured. */
    public static final long NOT_MEASURED = -1L;

    /** Parent id of a record whose call had no probed caller on the same thread. */
    public static final int NO_PARENT = -1;

    /** Outcome codes stored in a record. */
    public static final int OUTCOME_RETURNED = 0;
    public static final int OUTCOME_THREW = 1;

    private static final long NESTED_BIT = 1L << 40;

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle RETIRED;
    private static final VarHandle UNTIMED;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(ProbeRing.class, "producerIndex", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(ProbeRing.class, "consumerIndex", long.class);
            RETIRED = lookup.findVarHandle(ProbeRing.class, "retired", boolean.class);
            UNTIMED = lookup.findVarHandle(ProbeRing.class, "untimed", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] slots;
    private final Class<?>[] thrownTypes;
    private final int capacity;
    private final long mask;
    private final WeakReference<Thread> owner;
    private final DrainedRecord cursor = new DrainedRecord();

    /** Written by the owner only (release), read by the reporter (acquire). */
    private long producerIndex;
    /** The owner's last view of {@code consumerIndex}; plain, owner only. */
    private long consumerIndexCache;
    /** Written by the reporter only (release), read by the owner (acquire) when the ring looks full. */
    private long consumerIndex;
    /** Set by the owner (release) once it has moved on to a larger ring; nothing more is offered here. */
    private boolean retired;

    /**
     * Calls of sampled probes that ended untimed, cumulative, at {@code probeId * 2 + outcome}; null
     * until this ring's owner ends its first untimed call. The owner alone writes the counts (opaque
     * stores, so that the reporter sees each one soon) and replaces the array with a longer copy
     * (release) when a higher probe id needs room; the reporter reads both with the matching loads.
     * Counts are cumulative, so a copy carries them over and nothing is counted twice.
     */
    private long[] untimed;
    /** The counts the reporter has already taken; reporter only. */
    private long[] untimedTaken;

    /** Link in the registration stack of {@link ProbeRings}; written before publication only. */
    ProbeRing nextRegistered;

    ProbeRing(int capacity, Thread owner) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1L;
        this.slots = new long[capacity * STRIDE];
        this.thrownTypes = new Class<?>[capacity];
        this.owner = new WeakReference<>(owner);
    }

    /**
     * Appends one record. Owner thread only. Never blocks and never allocates.
     *
     * @param parentProbeId the probe of the innermost probed caller on this thread, or {@link #NO_PARENT}
     * @param childNanos    time spent in probed callees during this call
     * @param nested        whether the same probe was already running further up this thread's stack
     * @param thrownType    the class of the exception the call ended with, or {@code null}
     * @return {@code false} when the ring is full; nothing was written
     */
    public boolean offer(int probeId, int outcome, long durationNanos, long allocatedBytes, int parentProbeId,
                         long childNanos, boolean nested, Class<?> thrownType) {
        long p = producerIndex;
        if (p - consumerIndexCache >= capacity) {
            consumerIndexCache = (long) CONSUMER_INDEX.getAcquire(this);
            if (p - consumerIndexCache >= capacity) {
                return false;
            }
        }
        int index = (int) (p & mask);
        int base = index * STRIDE;
        slots[base] = durationNanos;
        slots[base + 1] = allocatedBytes;
        slots[base + 2] = childNanos;
        slots[base + 3] = (probeId & 0xFFFFL)
                | ((long) ((parentProbeId + 1) & 0xFFFF) << 16)
                | ((long) (outcome & 0xFF) << 32)
                | (nested ? NESTED_BIT : 0L);
        thrownTypes[index] = thrownType;
        PRODUCER_INDEX.setRelease(this, p + 1);
        return true;
    }

    /**
     * Hands every record published so far to {@code consumer}, oldest first, and frees their slots.
     * Reporter thread only. The {@link DrainedRecord} passed is reused for every record.
     *
     * @return the number of records drained
     */
    public int drain(RecordConsumer consumer) {
        long from = consumerIndex;
        long to = (long) PRODUCER_INDEX.getAcquire(this);
        DrainedRecord record = cursor;
        for (long i = from; i < to; i++) {
            int index = (int) (i & mask);
            int base = index * STRIDE;
            long meta = slots[base + 3];
            record.probeId = (int) (meta & 0xFFFF);
            record.parentProbeId = (int) ((meta >>> 16) & 0xFFFF) - 1;
            record.outcome = (int) ((meta >>> 32) & 0xFF);
            record.nested = (meta & NESTED_BIT) != 0;
            record.durationNanos = slots[base];
            record.allocatedBytes = slots[base + 1];
            record.childNanos = slots[base + 2];
            record.thrownType = thrownTypes[index];
            thrownTypes[index] = null;
            consumer.accept(record);
        }
        record.thrownType = null;
        CONSUMER_INDEX.setRelease(this, to);
        return (int) (to - from);
    }

    /** Counts one call of a sampled probe that was not timed. Owner thread only; no allocation once the array fits. */
    void countUntimed(int probeId, int outcome) {
        int index = probeId * 2 + outcome;
        long[] counts = untimed;
        if (counts == null || index >= counts.length) {
            counts = growUntimed(index);
        }
        COUNT.setOpaque(counts, index, counts[index] + 1);
    }

    private long[] growUntimed(int index) {
        long[] old = untimed;
        long[] larger = new long[Math.max(index + 2, old == null ? 16 : old.length * 2)];
        if (old != null) {
            for (int i = 0; i < old.length; i++) {
                larger[i] = (long) COUNT.getOpaque(old, i);
            }
        }
        UNTIMED.setRelease(this, larger);
        return larger;
    }

    /**
     * Hands the untimed calls counted since the last call to {@code consumer}, per probe and outcome.
     * Reporter thread only. Call it after {@link #drain}, so that a finished ring's last counts are taken.
     */
    public void takeUntimed(UntimedConsumer consumer) {
        long[] counts = (long[]) UNTIMED.getAcquire(this);
        if (counts == null) {
            return;
        }
        if (untimedTaken == null || untimedTaken.length < counts.length) {
            long[] taken = new long[counts.length];
            if (untimedTaken != null) {
                System.arraycopy(untimedTaken, 0, taken, 0, untimedTaken.length);
            }
            untimedTaken = taken;
        }
        for (int i = 0; i < counts.length; i++) {
            long count = (long) COUNT.getOpaque(counts, i);
            if (count != untimedTaken[i]) {
                consumer.accept(i >> 1, i & 1, count - untimedTaken[i]);
                untimedTaken[i] = count;
            }
        }
    }

    /** Receives untimed calls from {@link #takeUntimed}. */
    public interface UntimedConsumer {
        void accept(int probeId, int outcome, long calls);
    }

    /** Records published and not yet drained; an estimate when read by a thread other than the reporter. */
    public int size() {
        return (int) ((long) PRODUCER_INDEX.getAcquire(this) - (long) CONSUMER_INDEX.getAcquire(this));
    }

    public int capacity() {
        return capacity;
    }

    /** An estimate of the ring's heap: its two arrays, with 4-byte (compressed) references. */
    public long footprintBytes() {
        return 2 * 16L + slots.length * 8L + thrownTypes.length * 4L;
    }

    void retire() {
        RETIRED.setRelease(this, true);
    }

    /**
     * Whether no record can be offered to this ring any more: its owner moved to a larger ring, or
     * died. Once this returns {@code true}, one more {@link #drain} empties the ring for good.
     */
    public boolean isFinished() {
        if ((boolean) RETIRED.getAcquire(this)) {
            return true;
        }
        Thread thread = owner.get();
        return thread == null || !thread.isAlive();
    }
}
