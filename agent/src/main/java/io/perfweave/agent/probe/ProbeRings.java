package io.perfweave.agent.probe;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rings of all threads that ran a probe, and the counters of records that did not fit in them.
 *
 * <p>Each thread records into its own {@link ProbeRing} (held by its {@link ProbeThread}), so
 * application threads never contend with each other on the hot path. A thread's first ring is small
 * and doubles, up to the configured maximum, each time it fills: a thread that runs probes rarely
 * (or a short-lived virtual thread) costs a few KiB, a hot one gets room to absorb bursts between
 * two drains. Growing allocates, but at most a handful of times in a thread's life. The old ring is
 * retired, drained one last time by the reporter and dropped.
 *
 * <p>New rings are pushed on a lock-free stack; the reporter takes the whole stack with
 * {@link #takeNewRings()} and keeps the rings in a list of its own from then on.
 */
public final class ProbeRings {

    /** Upper bound on probe ids; the drop counters are sized by it and a record keeps 16 bits of id. */
    public static final int MAX_PROBES = 4096;

    /**
     * The id the agent times its own probe cost with (on the reporter thread at start); never given to
     * a probe, so those records count for no probe.
     */
    public static final int CALIBRATION_PROBE_ID = MAX_PROBES - 1;

    static final int INITIAL_CAPACITY = 64;

    private static final ThreadLocal<ProbeThread> CURRENT = new ThreadLocal<>();
    private static final AtomicReference<ProbeRing> NEW_RINGS = new AtomicReference<>();
    /** Dropped records by probe id and outcome: index {@code probeId * 2 + outcome}. */
    private static final AtomicLongArray DROPPED = new AtomicLongArray(MAX_PROBES * 2);

    private static volatile int maxCapacity = 16_384;
    /**
     * Which agent run the rings belong to. A run that detaches leaves its rings in the threads'
     * {@code ProbeThread}s, where no later reporter would find them; a thread whose state is from an
     * earlier run starts afresh (a plain load on x86, as cheap as the thread-local read before it).
     */
    private static volatile int run;

    private ProbeRings() {
    }

    /** The calling thread's probe state, created on its first probed call. */
    static ProbeThread currentThread() {
        ProbeThread thread = CURRENT.get();
        int currentRun = run;
        if (thread == null || thread.run != currentRun) {
            thread = new ProbeThread(null, currentRun);
            // Set before the ring is published: if publishing reaches a woven method, that call finds it.
            CURRENT.set(thread);
            thread.ring = register(INITIAL_CAPACITY);
        }
        return thread;
    }

    /** Hot path: stores one record in the thread's ring, or counts it as dropped. */
    static void record(ProbeThread thread, int probeId, int outcome, long durationNanos, long allocatedBytes,
                       int parentProbeId, long childNanos, boolean nested, Class<?> thrownType) {
        ProbeRing ring = thread.ring;
        if (ring.offer(probeId, outcome, durationNanos, allocatedBytes, parentProbeId, childNanos, nested, thrownType)) {
            return;
        }
        ProbeRing larger;
        if (AllocationCounter.inUse()) {
            long before = AllocationCounter.currentThreadAllocatedBytes();
            larger = grow(ring);
            long after = AllocationCounter.currentThreadAllocatedBytes();
            if (before >= 0 && after >= 0) {
                thread.ownAllocatedBytes += after - before;
            }
        } else {
            larger = grow(ring);
        }
        if (larger != null) {
            thread.ring = larger;
            if (larger.offer(probeId, outcome, durationNanos, allocatedBytes, parentProbeId, childNanos, nested,
                    thrownType)) {
                return;
            }
        }
        DROPPED.getAndAdd(probeId * 2 + outcome, 1);
    }

    private static ProbeRing grow(ProbeRing full) {
        int capacity = full.capacity();
        if (capacity >= maxCapacity) {
            return null;
        }
        ProbeRing larger = register(Math.min(capacity * 2, maxCapacity));
        full.retire();
        return larger;
    }

    private static ProbeRing register(int capacity) {
        ProbeRing ring = new ProbeRing(capacity, Thread.currentThread());
        ProbeRing head;
        do {
            head = NEW_RINGS.get();
            ring.nextRegistered = head;
        } while (!NEW_RINGS.compareAndSet(head, ring));
        return ring;
    }

    /**
     * Takes every ring registered since the last call, newest first, linked through
     * {@link #nextOf(ProbeRing)}. Reporter thread only.
     */
    public static ProbeRing takeNewRings() {
        return NEW_RINGS.getAndSet(null);
    }

    public static ProbeRing nextOf(ProbeRing ring) {
        return ring.nextRegistered;
    }

    /** Cumulative count of records of this probe and outcome that were dropped because a ring was full. */
    public static long dropped(int probeId, int outcome) {
        return DROPPED.get(probeId * 2 + outcome);
    }

    /** Sets the largest ring a thread may grow to, in records; rounded up to a power of two. */
    public static void setMaxCapacity(int records) {
        int capped = Math.max(INITIAL_CAPACITY, Math.min(records, 1 << 24));
        maxCapacity = Integer.highestOneBit(capped - 1) << 1;
    }

    public static int maxCapacity() {
        return maxCapacity;
    }

    /**
     * Begins a new agent run: rings of earlier runs are abandoned (their threads register new ones on
     * their next probed call) and every drop count starts from zero. Called by a starting runtime
     * before anything is woven.
     */
    public static void startRun() {
        for (int i = 0; i < DROPPED.length(); i++) {
            DROPPED.set(i, 0);
        }
        NEW_RINGS.set(null);
        run++;
    }

    /** Runs the drop counter's update once without changing it, so that its first real use links nothing. */
    static void linkDropCounter(int probeId) {
        DROPPED.getAndAdd(probeId * 2, 0);
    }

    /** Forgets the drop counts of a probe id, before the id is given to a new probe. */
    public static void resetDropped(int probeId) {
        DROPPED.set(probeId * 2, 0);
        DROPPED.set(probeId * 2 + 1, 0);
    }
}
