package io.perfweave.agent.overhead;

import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.Probes;
import java.util.Arrays;

/**
 * Measures what one probed call costs on this machine: the very entry and exit calls woven code makes,
 * in a loop, on the calling thread, under {@link ProbeRings#CALIBRATION_PROBE_ID}, an id no probe ever
 * gets, so the records land in no probe's figures (the reporter ignores ids it did not issue).
 *
 * <p>Runs on the reporter thread when it starts, not on an application thread. Calls come in batches
 * smaller than a thread's first ring, drained between batches, so the calibrating thread's ring never
 * grows and no record is dropped: every measured call pays for the store, as real calls do. The first
 * batches warm the code up (the JIT compiles it); the figure is the median of the later batches' cost
 * per call.
 */
public final class ProbeCostCalibration {

    /** Below the 64 records of a thread's first ring. */
    static final int BATCH = 32;
    static final int WARM_UP_BATCHES = 4000;
    static final int MEASURED_BATCHES = 1000;

    private ProbeCostCalibration() {
    }

    /**
     * @param drainRings drains every ring, the calling thread's included
     * @return nanoseconds per probed call, at least 1
     */
    public static long nanosPerCall(Runnable drainRings) {
        int id = ProbeRings.CALIBRATION_PROBE_ID;
        long[] batches = new long[MEASURED_BATCHES];
        for (int b = 0; b < WARM_UP_BATCHES + MEASURED_BATCHES; b++) {
            long began = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                // What TimingAdvice inlines into a probed method.
                Probes.enter(id);
                long start = System.nanoTime();
                Probes.exit(id, start, null);
            }
            long took = System.nanoTime() - began;
            drainRings.run();
            if (b >= WARM_UP_BATCHES) {
                batches[b - WARM_UP_BATCHES] = took;
            }
        }
        Arrays.sort(batches);
        return Math.max(1, Math.round((double) batches[MEASURED_BATCHES / 2] / BATCH));
    }
}
