package io.perfweave.agent.boot;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an agent runtime runs in this JVM. It lives on the bootstrap class path, so there is one
 * flag per JVM however often the agent jar is named or attached: a second runtime would add a
 * second consumer to rings that allow exactly one. A runtime that detaches releases the flag, so
 * that a later attach can start a new one.
 */
public final class AgentPresence {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentPresence() {
    }

    /** @return {@code true} for the first caller only, until {@link #release()} */
    public static boolean claim() {
        return STARTED.compareAndSet(false, true);
    }

    /** Called last by a runtime that has stopped (or failed to start) and released all it held. */
    public static void release() {
        STARTED.set(false);
    }
}
