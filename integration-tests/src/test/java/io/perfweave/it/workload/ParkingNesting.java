package io.perfweave.it.workload;

import java.util.concurrent.locks.LockSupport;

/** {@link Nesting} whose probed child parks, so a virtual thread unmounts and may resume on another carrier. */
public class ParkingNesting extends Nesting {

    @Override
    public long child() {
        LockSupport.parkNanos(10_000);
        return 1;
    }

    @Override
    public long parent() {
        return child() + child();
    }
}
