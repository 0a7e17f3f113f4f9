package io.perfweave.it.workload;

/** Burns the CPU for a known time, so the measured latency has a known lower bound. */
public class BusyWorker {

    public long spin(long nanos) {
        long start = System.nanoTime();
        long spins = 0;
        while (System.nanoTime() - start < nanos) {
            spins++;
        }
        return spins;
    }
}
