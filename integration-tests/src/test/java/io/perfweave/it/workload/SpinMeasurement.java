package io.perfweave.it.workload;

/**
 * Calls {@link BusyWorker#spin} a few times and measures each call from outside. The agent's view
 * from inside the method must lie between the requested time and this outer measurement.
 */
final class SpinMeasurement {

    private final long requestedNanos;
    private final int calls;
    private long outerMax;
    private long outerTotal;

    private SpinMeasurement(long requestedNanos, int calls) {
        this.requestedNanos = requestedNanos;
        this.calls = calls;
    }

    static SpinMeasurement run(BusyWorker worker, long nanos, int calls) {
        SpinMeasurement measurement = new SpinMeasurement(nanos, calls);
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            worker.spin(nanos);
            long outer = System.nanoTime() - start;
            measurement.outerMax = Math.max(measurement.outerMax, outer);
            measurement.outerTotal += outer;
        }
        return measurement;
    }

    void print() {
        System.out.println("it: spin-calls=" + calls);
        System.out.println("it: spin-requested-nanos=" + requestedNanos);
        System.out.println("it: spin-outer-max-nanos=" + outerMax);
        System.out.println("it: spin-outer-total-nanos=" + outerTotal);
    }
}
