package io.perfweave.agent.probe;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures of the probe runtime inside probed methods. The woven code already keeps any throwable
 * of the probe from reaching the application (the advice suppresses it); this class makes such a
 * failure visible: {@link Probes} counts it here, keeps the first one, and the reporter logs that one
 * once and reports the count, instead of the failure vanishing without a trace. Costs nothing until
 * something fails.
 */
public final class ProbeFaults {

    private static final AtomicLong COUNT = new AtomicLong();
    private static volatile Throwable first;

    private ProbeFaults() {
    }

    static void record(Throwable failure) {
        if (COUNT.getAndIncrement() == 0) {
            first = failure;
        }
    }

    /** Failures since the JVM started. */
    public static long count() {
        return COUNT.get();
    }

    /** The first failure, or {@code null}. */
    public static Throwable first() {
        return first;
    }
}
