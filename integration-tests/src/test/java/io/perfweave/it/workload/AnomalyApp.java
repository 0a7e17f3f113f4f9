package io.perfweave.it.workload;

import io.perfweave.api.BudgetEvent;
import io.perfweave.api.BudgetListener;
import io.perfweave.api.Perfweave;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Two methods, each called in a loop on a thread of its own: {@code steady} always spins 2 us;
 * {@code jumpy} spins 2 us for the first {@code args[0]} milliseconds, then for {@code args[1]}
 * milliseconds every twentieth call spins 100 us, which lifts its p99 about 50-fold. Then both stop, the
 * app prints {@code it: phases-over} and waits for standard input to close. Every budget event the
 * app's listener receives is printed as
 * {@code it: listener <KIND> <probe> <metric> observed=<n> limit=<n> samples=<n> window=<n> message=<text>};
 * a listener added before it always throws, and one added after it is removed at once.
 *
 * <p>Why a tenth of the calls and not all of them: a busy machine preempts a spinning thread every few
 * milliseconds, and a preempted call lasts milliseconds. Calls of 2 us are almost never the ones hit,
 * so the p99 of an interval is the spin, not the scheduler; with one slow call in twenty, the p99 is
 * the slowest fifth of the 100 us calls, which stays 100 us unless over a fifth of them are preempted. So
 * after the jump every interval's p99 is about the same: the first one stands out of the history, the
 * following ones resemble it.
 */
public final class AnomalyApp {

    static final long FAST_NANOS = 2_000;
    static final long SLOW_NANOS = 100_000;
    static final int SLOW_EVERY = 20;

    private static volatile boolean running = true;

    private AnomalyApp() {
    }

    public static void main(String[] args) throws Exception {
        long steadyNanos = Long.parseLong(args[0]) * 1_000_000;
        long slowNanos = Long.parseLong(args[1]) * 1_000_000;
        Perfweave.addBudgetListener(event -> {
            throw new IllegalStateException("it: the listener added first throws");
        });
        boolean listening = Perfweave.addBudgetListener(AnomalyApp::print);
        System.out.println("it: listener-added=" + listening);
        BudgetListener removed = event -> System.out.println("it: removed listener heard " + event.probe());
        Perfweave.addBudgetListener(removed);
        Perfweave.removeBudgetListener(removed);
        Services services = new Services();
        long start = System.nanoTime();
        Thread steady = worker("steady", () -> services.steady(FAST_NANOS));
        Thread jumpy = worker("jumpy", new Runnable() {
            private long calls;

            @Override
            public void run() {
                boolean jumped = System.nanoTime() - start >= steadyNanos;
                boolean slow = jumped && ++calls % SLOW_EVERY == 0;
                services.jumpy(slow ? SLOW_NANOS : FAST_NANOS);
            }
        });
        while (System.nanoTime() - start < steadyNanos + slowNanos) {
            Thread.sleep(10);
        }
        running = false;
        steady.join();
        jumpy.join();
        System.out.println("it: phases-over");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // only the end of the input matters
            }
        } catch (IOException e) {
            System.out.println("it: stdin failed " + e);
        }
        System.out.println("it: done");
    }

    private static Thread worker(String name, Runnable call) {
        Thread thread = new Thread(() -> {
            while (running) {
                call.run();
            }
        }, "anomaly-" + name);
        thread.start();
        return thread;
    }

    private static synchronized void print(BudgetEvent event) {
        System.out.println("it: listener " + event.kind() + " " + event.probe() + " " + event.metric()
                + " observed=" + Math.round(event.observed()) + " limit=" + Math.round(event.limit())
                + " samples=" + event.samples() + " window=" + event.windowNanos() + " message=" + event.message());
    }

    /** The probed methods. */
    public static final class Services {

        private final BusyWorker steadyWorker = new BusyWorker();
        private final BusyWorker jumpyWorker = new BusyWorker();

        public long steady(long nanos) {
            return steadyWorker.spin(nanos);
        }

        public long jumpy(long nanos) {
            return jumpyWorker.spin(nanos);
        }
    }
}
