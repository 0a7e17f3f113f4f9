package io.perfweave.agent.probe;

/**
 * What woven code calls. Everything here runs on application threads inside probed methods, so it
 * is held to the hot-path rules: JDK types only (this package is on the bootstrap class path and
 * must resolve from any class loader), no allocation after a thread's first probed call, no lock,
 * no logging, never a blocking call.
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
        ProbeRings.currentThread().push(probeId);
    }

    /**
     * Starts a call of a probe that times one call in {@code period} (on average; see {@code ProbeThread}):
     * returns whether this one is timed, and if so marks it like {@link #enter}. A timed call ends with
     * {@link #exit}, an untimed one with {@link #exitUntimed}.
     */
    public static boolean enterSampled(int probeId, int period) {
        ProbeThread thread = ProbeRings.currentThread();
        if (thread.sample(probeId, period)) {
            thread.push(probeId);
            return true;
        }
        return false;
    }

    /** Ends an untimed call of a sampled probe: counts it, with its outcome; it has no record and no place in the call tree. */
    public static void exitUntimed(int probeId, Throwable thrown) {
        ProbeRings.currentThread().ring.countUntimed(probeId, outcomeOf(thrown));
    }

    /** Ends the call started by {@link #enter}; {@code thrown} is the exception it ends with, or null. */
    public static void exit(int probeId, long startNanos, Throwable thrown) {
        long durationNanos = System.nanoTime() - startNanos;
        ProbeRings.currentThread().pop(probeId, outcomeOf(thrown), durationNanos, ProbeRing.NOT_MEASURED,
                thrown == null ? null : thrown.getClass());
    }

    /** Like {@link #exit}, for a probe that also measures allocation; {@code allocatedAtStart} from {@link #allocatedBytes()}. */
    public static void exitAllocating(int probeId, long startNanos, long allocatedAtStart, Throwable thrown) {
        long allocated = allocatedSince(allocatedAtStart);
        long durationNanos = System.nanoTime() - startNanos;
        ProbeRings.currentThread().pop(probeId, outcomeOf(thrown), durationNanos, allocated,
                thrown == null ? null : thrown.getClass());
    }

    /** Records a constructor call that returned; constructors are not pushed (see the advice). */
    public static void constructed(int probeId, long startNanos) {
        long durationNanos = System.nanoTime() - startNanos;
        ProbeRings.currentThread().leaf(probeId, durationNanos, ProbeRing.NOT_MEASURED);
    }

    /** Like {@link #constructed}, measuring allocation. */
    public static void constructedAllocating(int probeId, long startNanos, long allocatedAtStart) {
        long allocated = allocatedSince(allocatedAtStart);
        long durationNanos = System.nanoTime() - startNanos;
        ProbeRings.currentThread().leaf(probeId, durationNanos, allocated);
    }

    /**
     * The calling thread's allocation counter, less the probe runtime's own allocation on it, for a
     * probe that measures allocation. It makes sure the thread's probe state exists first, so that
     * creating it is never counted as the call's.
     */
    public static long allocatedBytes() {
        return applicationAllocatedBytes(ProbeRings.currentThread());
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
