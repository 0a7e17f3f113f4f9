package io.perfweave.agent.probe;

/**
 * Runs every path of the probe runtime once, on a thread of its own, before any method is woven.
 *
 * <p>The first run of a path links it: the JVM resolves its constant-pool entries and, for the
 * VarHandles the rings publish through, spins method handles, allocating a few KiB on whichever thread
 * gets there first. Were that an application thread inside a call of an allocation probe (a probed
 * callee's exit runs inside its caller's measured window), those bytes would be counted as the
 * caller's. Linking is once per JVM, so running each path here, where nothing is measured, keeps every
 * application call's figure exact from its very first call.
 *
 * <p>The records go to {@link ProbeRings#CALIBRATION_PROBE_ID}, which no probe is given, so they count
 * for nothing; the thread's rings are drained and dropped by the reporter like any finished thread's.
 */
public final class ProbeRuntimeWarmUp {

    private static final long JOIN_MILLIS = 5_000;

    private ProbeRuntimeWarmUp() {
    }

    /** Runs the warm-up and waits for it (bounded: a start-up is never held up for long). */
    public static void run() {
        Thread thread = new Thread(ProbeRuntimeWarmUp::exercise, "perfweave-warm-up");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every entry point woven code calls, each outcome, and a ring growing once. */
    static void exercise() {
        int id = ProbeRings.CALIBRATION_PROBE_ID;
        // One record more than the first ring holds, so that it grows (where growing is allowed).
        int calls = Math.min(ProbeRings.INITIAL_CAPACITY + 1, ProbeRings.maxCapacity());
        for (int i = 0; i < calls; i++) {
            Probes.enter(id);
            long allocatedAtStart = Probes.allocatedBytes();
            long start = System.nanoTime();
            Probes.exitAllocating(id, start, allocatedAtStart, null);
        }
        Throwable thrown = new IllegalStateException("perfweave warm-up");
        Probes.enter(id);
        Probes.exit(id, System.nanoTime(), null);
        Probes.enter(id);
        Probes.exit(id, System.nanoTime(), thrown);
        Probes.enter(id);
        Probes.exitAllocating(id, System.nanoTime(), Probes.allocatedBytes(), thrown);
        for (int i = 0; i < 4; i++) {
            if (Probes.enterSampled(id, 2)) {
                Probes.exit(id, System.nanoTime(), null);
            } else {
                Probes.exitUntimed(id, null);
                Probes.exitUntimed(id, thrown);
            }
        }
        for (int i = 0; i < 2; i++) {
            if (Probes.enterAdaptive(id)) {
                Probes.exit(id, System.nanoTime(), null);
            } else {
                Probes.exitUntimed(id, null);
            }
        }
        Probes.constructed(id, System.nanoTime());
        Probes.constructedAllocating(id, System.nanoTime(), Probes.allocatedBytes());
        ProbeRings.linkDropCounter(id);
    }
}
