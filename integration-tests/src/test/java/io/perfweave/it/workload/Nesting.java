package io.perfweave.it.workload;

import io.perfweave.api.Profiled;

/**
 * A known shape of nested probed calls: {@code parent} works, then calls {@code child} twice;
 * {@code child} works and calls the unprobed {@code helper}; {@code factorial} recurses.
 */
public class Nesting {

    private final BusyWorker worker = new BusyWorker();

    public long parent() {
        return worker.spin(300_000) + child() + child();
    }

    public long child() {
        return worker.spin(100_000) + helper();
    }

    public long helper() {
        return worker.spin(50_000);
    }

    public long factorial(int n) {
        worker.spin(10_000);
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    @Profiled("checkout")
    public long annotatedNamed() {
        return worker.spin(1_000);
    }

    @Profiled
    public long annotatedUnnamed() {
        return worker.spin(1_000);
    }

    @Timed
    public long customAnnotated() {
        return worker.spin(1_000);
    }
}
