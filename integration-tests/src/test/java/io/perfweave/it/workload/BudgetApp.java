package io.perfweave.it.workload;

import io.perfweave.api.BudgetEvent;
import io.perfweave.api.Perfweave;
import io.perfweave.api.Profiled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A service whose latency the test switches: {@code checkout} and {@code annotated} spin 5 ms per call
 * until the test writes {@code fast} on standard input, then 2 us; {@code quick} always spins 2 us;
 * {@code rare} spins 5 ms but is called only 5 times, at the start. Closing standard input ends the
 * run. Every budget event a listener receives is printed as
 * {@code it: listener <KIND> <probe> <metric> observed=<n> limit=<n> samples=<n> window=<n>}.
 */
public final class BudgetApp {

    static final long SLOW_NANOS = 5_000_000;
    /**
     * Short, so that a window holds so many fast calls that the few a busy machine preempts (each by
     * milliseconds) stay far below 1% of them and cannot hold the p99 up.
     */
    static final long FAST_NANOS = 2_000;

    private static volatile long delayNanos = SLOW_NANOS;
    private static volatile boolean running = true;

    private BudgetApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean listening = Perfweave.addBudgetListener(BudgetApp::print);
        System.out.println("it: listener-added=" + listening);
        Services services = new Services();
        for (int i = 0; i < 5; i++) {
            services.rare();
        }
        Thread worker = new Thread(() -> {
            long spins = 0;
            while (running) {
                spins += services.checkout(delayNanos);
                spins += services.annotated(delayNanos);
                spins += services.quick();
            }
            System.out.println("it: spins-positive=" + (spins > 0 ? 1 : 0));
        }, "budget-worker");
        worker.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("fast")) {
                    delayNanos = FAST_NANOS;
                    System.out.println("it: fast");
                }
            }
        } catch (IOException e) {
            System.out.println("it: stdin failed " + e);
        }
        running = false;
        worker.join();
        System.out.println("it: done");
    }

    private static synchronized void print(BudgetEvent event) {
        System.out.println("it: listener " + event.kind() + " " + event.probe() + " " + event.metric()
                + " observed=" + Math.round(event.observed()) + " limit=" + Math.round(event.limit())
                + " samples=" + event.samples() + " window=" + event.windowNanos());
    }

    /** The probed methods. */
    public static final class Services {

        private final BusyWorker worker = new BusyWorker();

        public long checkout(long nanos) {
            return worker.spin(nanos);
        }

        @Profiled(value = "annotated", p99 = "2ms", minSamples = 20)
        public long annotated(long nanos) {
            return worker.spin(nanos);
        }

        public long quick() {
            return worker.spin(FAST_NANOS);
        }

        public long rare() {
            return worker.spin(SLOW_NANOS);
        }
    }
}
