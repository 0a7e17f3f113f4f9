package io.perfweave.it.workload;

import io.perfweave.api.Profiled;
import java.io.IOException;

/**
 * A child that works a known amount, then stays up until its standard input is closed, so that a
 * test can read the agent's live outputs (the Prometheus endpoint) while every figure is final.
 * It prints {@code it: flaky=<n>}, {@code it: flaky-failures=<n>}, {@code it: served=<n>},
 * {@code it: spins=<n>} and then {@code it: idle}. Arguments: calls of each kind.
 *
 * <p>{@link #serve} is a {@code @Profiled} probe; it allocates arrays of 24 to 816 bytes through
 * {@link Allocator#sized(int)}, for a probe that measures allocation, with distinct quantiles.
 */
public final class ServingApp {

    private static volatile long sink;

    private ServingApp() {
    }

    public static void main(String[] args) throws IOException {
        int calls = Integer.parseInt(args[0]);
        Flaky flaky = new Flaky();
        BusyWorker worker = new BusyWorker();
        Allocator allocator = new Allocator();
        long failures = 0;
        long local = 0;
        for (int i = 0; i < calls; i++) {
            try {
                local += flaky.maybeFail(i);
            } catch (IllegalStateException expected) {
                failures++;
            }
            local += serve(allocator, i);
            // 1 to 64 microseconds: latencies spread over several histogram buckets.
            local += worker.spin(1_000L << (i % 7));
        }
        sink = local;
        System.out.println("it: flaky=" + calls);
        System.out.println("it: flaky-failures=" + failures);
        System.out.println("it: served=" + calls);
        System.out.println("it: spins=" + calls);
        System.out.println("it: idle");
        System.out.flush();
        while (System.in.read() >= 0) {
            // waits for the test to close our standard input
        }
        System.out.println("it: done " + (sink & 1));
    }

    @Profiled("served")
    static int serve(Allocator allocator, int call) {
        return allocator.sized(1 + call % 100).length;
    }
}
