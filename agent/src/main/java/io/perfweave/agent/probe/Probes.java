package io.perfweave.agent.probe;

/**
 * What woven code calls. Everything here runs on application threads inside probed methods, so it
 * is held to the hot-path rules: JDK types only (this package is on the bootstrap class path and
 * must resolve from any class loader), no allocation, no lock, no logging, never a blocking call.
 */
public final class Probes {

    private Probes() {
    }

    /** Called on method exit with the value {@link System#nanoTime()} returned on entry. */
    public static void recordTiming(int probeId, long startNanos, boolean threw) {
        long durationNanos = System.nanoTime() - startNanos;
        ProbeRings.record(probeId, threw ? ProbeRing.OUTCOME_THREW : ProbeRing.OUTCOME_RETURNED,
                durationNanos, ProbeRing.NOT_MEASURED);
    }
}
