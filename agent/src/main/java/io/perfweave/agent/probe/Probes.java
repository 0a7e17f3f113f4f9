package io.perfweave.agent.probe;

/**
 * What woven code calls. Everything here runs on application threads inside probed methods, so it
 * is held to the hot-path rules: JDK types only (this package is on the bootstrap class path and
 * must resolve from any class loader), no allocation after a thread's first probed call, no lock,
 * no logging, never a blocking call.
 *
 * <p>No throwable leaves these methods: a failure is counted in {@link ProbeFaults} (the woven
 * advice would suppress it anyway, without a trace), and the call goes on as without the probe.
 *
 * <p>A method probe calls {@link #enter} first thing and one of the exit methods last; the start
 * time is read by the woven code itself, after {@code enter}, so the probe's own bookkeeping is not
 * part of the measured time.
 */
public final class Probes {

    private Probes() {
    }

    /** Marks the start of a call of a probed method (not a constructor). */
    public static void enter(int probeId) {
        try {
            ProbeRings.currentThread().push(probeId);
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /**
     * Starts a call of a probe that times one call in {@code period} (on average; see {@code ProbeThread}):
     * returns whether this one is timed, and if so marks it like {@link #enter}. A timed call ends with
     * {@link #exit}, an untimed one with {@link #exitUntimed}.
     */
    public static boolean enterSampled(int probeId, int period) {
        try {
            ProbeThread thread = ProbeRings.currentThread();
            if (thread.sample(probeId, period)) {
                thread.push(probeId);
                return true;
            }
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
        return false;
    }

    /**
     * Starts a call of a probe whose period is read at run time from {@link SamplePeriods} (adaptive
     * sampling): at period 1 (no memory pressure) it is {@link #enter} and returns true, otherwise it
     * is {@link #enterSampled} with the period in force. Ends like {@code enterSampled}.
     */
    public static boolean enterAdaptive(int probeId) {
        try {
            ProbeThread thread = ProbeRings.currentThread();
            int period = SamplePeriods.rawPeriod(probeId);
            // At period 1 the thread's gap is not consulted: timing resumes on the first call after a restore.
            if (period <= 1 || thread.sample(probeId, period)) {
                thread.push(probeId);
                return true;
            }
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
        return false;
    }

    /** Ends an untimed call of a sampled probe: counts it, with its outcome; it has no record and no place in the call tree. */
    public static void exitUntimed(int probeId, Throwable thrown) {
        try {
            ProbeRings.currentThread().ring.countUntimed(probeId, outcomeOf(thrown));
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /** Ends the call started by {@link #enter}; {@code thrown} is the exception it ends with, or null. */
    public static void exit(int probeId, long startNanos, Throwable thrown) {
        try {
            long durationNanos = System.nanoTime() - startNanos;
            ProbeRings.currentThread().pop(probeId, outcomeOf(thrown), durationNanos, ProbeRing.NOT_MEASURED,
                    thrown == null ? null : thrown.getClass());
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /** Like {@link #exit}, for a probe that also measures allocation; {@code allocatedAtStart} from {@link #allocatedBytes()}. */
    public static void exitAllocating(int probeId, long startNanos, long allocatedAtStart, Throwable thrown) {
        try {
            long allocated = allocatedSince(allocatedAtStart);
            long durationNanos = System.nanoTime() - startNanos;
            ProbeRings.currentThread().pop(probeId, outcomeOf(thrown), durationNanos, allocated,
                    thrown == null ? null : thrown.getClass());
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /** Records a constructor call that returned; constructors are not pushed (see the advice). */
    public static void constructed(int probeId, long startNanos) {
        try {
            long durationNanos = System.nanoTime() - startNanos;
            ProbeRings.currentThread().leaf(probeId, durationNanos, ProbeRing.NOT_MEASURED);
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /** Like {@link #constructed}, measuring allocation. */
    public static void constructedAllocating(int probeId, long startNanos, long allocatedAtStart) {
        try {
            long allocated = allocatedSince(allocatedAtStart);
            long durationNanos = System.nanoTime() - startNanos;
            ProbeRings.currentThread().leaf(probeId, durationNanos, allocated);
        } catch (Throwable t) {
            ProbeFaults.record(t);
        }
    }

    /**
     * The calling thread's allocation counter, less the probe runtime's own allocation on it, for a
     * probe that measures allocation. It makes sure the thread's probe state exists first, so that
     * creating it is never counted as the call's.
     */
    public static long allocatedBytes() {
        try {
            return applicationAllocatedBytes(ProbeRings.currentThread());
        } catch (Throwable t) {
            ProbeFaults.record(t);
            return ProbeRing.NOT_MEASURED;
        }
    }

    private static long allocatedSince(long allocatedAtStart) {
        long now = applicationAllocatedBytes(ProbeRings.currentThread());
        return now < 0 || allocatedAtStart < 0 ? ProbeRing.NOT_MEASURED : now - allocatedAtStart;
    }

    /** The thread's allocation counter less what the probe runtime allocated on it. */
    private static long applicationAllocatedBytes(ProbeThread thread) {
        long bytes = AllocationCounter.currentThreadAllocatedBytes();
        return bytes < 0 ? ProbeRing.NOT_MEASURED : bytes - thread.ownAllocatedBytes;
    }

    private static int outcomeOf(Throwable thrown) {
        return thrown == null ? ProbeRing.OUTCOME_RETURNED : ProbeRing.OUTCOME_THREW;
    }
}
