package io.perfweave.agent.probe;

/**
 * What the probe runtime keeps for one thread: its ring, and the stack of probed calls it is inside
 * of, which attributes time between probed methods (a call's self time is its duration less the time
 * spent in probed callees). Used by its own thread only, so nothing here needs a fence; virtual
 * threads have their own, however often they move between carrier threads.
 *
 * <p>The stack is bounded ({@value #MAX_DEPTH} probed calls deep). Deeper calls are still timed and
 * counted; they are attributed to the deepest tracked call as their parent, and their callees' time
 * is not subtracted from them. Only the outermost of them adds to that call's child time.
 */
final class ProbeThread {

    static final int MAX_DEPTH = 64;

    ProbeRing ring;
    /** The agent run this state belongs to, see {@link ProbeRings#startRun()}. */
    final int run;
    /**
     * Bytes the probe runtime itself allocated on this thread (growing its ring), which allocation
     * probes subtract: otherwise a probed callee growing the ring would show in its caller's bytes.
     */
    long ownAllocatedBytes;
    private final int[] probes = new int[MAX_DEPTH];
    private final long[] childNanos = new long[MAX_DEPTH];
    private int depth;
    /**
     * Per sampled probe id, the calls left until the next timed one; null until the thread's first
     * sampled call. The gaps are random (uniform in 1 to 2N-1, so one call in N on average), so that
     * a workload repeating with a period that divides N cannot make every timed call the same kind.
     */
    private int[] untilTimed;
    /** State of the xorshift generator of the gaps; any non-zero start will do. */
    private int gapSeed = 0x9E3779B9;
    /** Probed calls entered beyond {@link #MAX_DEPTH} and not yet exited. */
    private int untracked;

    ProbeThread(ProbeRing ring, int run) {
        this.ring = ring;
        this.run = run;
    }

    /** Whether this call of a probe that times one call in {@code period} is to be timed. */
    boolean sample(int probeId, int period) {
        int[] left = untilTimed;
        if (left == null || probeId >= left.length) {
            left = growUntilTimed(probeId);
        }
        int remaining = left[probeId] - 1;
        if (remaining > 0) {
            left[probeId] = remaining;
            return false;
        }
        left[probeId] = nextGap(period);
        return true;
    }

    private int[] growUntilTimed(int probeId) {
        int[] larger = new int[Math.max(probeId + 1, untilTimed == null ? 16 : untilTimed.length * 2)];
        if (untilTimed != null) {
            System.arraycopy(untilTimed, 0, larger, 0, untilTimed.length);
        }
        untilTimed = larger;
        return larger;
    }

    private int nextGap(int period) {
        int x = gapSeed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        gapSeed = x;
        return 1 + (x & Integer.MAX_VALUE) % (2 * period - 1);
    }

    void push(int probeId) {
        if (depth == MAX_DEPTH) {
            untracked++;
            return;
        }
        probes[depth] = probeId;
        childNanos[depth] = 0;
        depth++;
    }

    /**
     * Leaves the call of {@code probeId} that lasted {@code durationNanos} and records it.
     *
     * <p>Woven code always pairs enter and exit, but the stack is rebuilt defensively: if the top
     * is not this probe (a frame lost to an error the JVM raised inside advice), frames above the
     * matching one are discarded rather than left to mis-attribute every later call.
     */
    void pop(int probeId, int outcome, long durationNanos, long allocatedBytes, Class<?> thrownType) {
        long ownChildNanos = 0;
        if (untracked > 0) {
            untracked--;
        } else {
            int frame = depth - 1;
            while (frame >= 0 && probes[frame] != probeId) {
                frame--;
            }
            if (frame >= 0) {
                ownChildNanos = childNanos[frame];
                depth = frame;
            }
        }
        int parent = depth > 0 ? probes[depth - 1] : ProbeRing.NO_PARENT;
        // An untracked call inside another untracked call is already part of that one's duration.
        if (depth > 0 && untracked == 0) {
            childNanos[depth - 1] += durationNanos;
        }
        ProbeRings.record(this, probeId, outcome, durationNanos, allocatedBytes, parent, ownChildNanos,
                isActive(probeId), thrownType);
    }

    /** Records a call that was not pushed (a constructor): a leaf under the current probed call. */
    void leaf(int probeId, long durationNanos, long allocatedBytes) {
        int parent = ProbeRing.NO_PARENT;
        if (depth > 0) {
            parent = probes[depth - 1];
            if (untracked == 0) {
                childNanos[depth - 1] += durationNanos;
            }
        }
        ProbeRings.record(this, probeId, ProbeRing.OUTCOME_RETURNED, durationNanos, allocatedBytes, parent, 0,
                isActive(probeId), null);
    }

    private boolean isActive(int probeId) {
        for (int i = depth - 1; i >= 0; i--) {
            if (probes[i] == probeId) {
                return true;
            }
        }
        return false;
    }
}
