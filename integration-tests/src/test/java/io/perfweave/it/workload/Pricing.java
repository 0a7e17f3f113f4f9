package io.perfweave.it.workload;

/** The probed method of the JUnit extension's workload: a price that takes as long as it is told to. */
public final class Pricing {

    private final BusyWorker worker = new BusyWorker();

    public long price(long nanos) {
        return worker.spin(nanos);
    }

    /** A second probed method, for the probe with a configured budget. */
    public long quote(long nanos) {
        return worker.spin(nanos);
    }
}
