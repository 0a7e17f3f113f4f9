package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs probed calls on a thread of their own, so that they go into a ring no earlier test used, and
 * requires the thread to finish in time without throwing. Tests then drain the new rings.
 */
public final class FreshThread {

    /** Probed calls; may throw, which fails the test. */
    public interface Calls {
        void run() throws Throwable;
    }

    private FreshThread() {
    }

    public static void run(String name, Calls calls) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                calls.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).as("%s still running", name).isFalse();
        assertThat(failure.get()).isNull();
    }
}
