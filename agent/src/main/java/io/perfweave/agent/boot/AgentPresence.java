package io.perfweave.agent.boot;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an agent runtime has been started in this JVM. It lives on the bootstrap class path, so
 * there is one flag per JVM however often the agent jar is named: a second start would add a second
 * consumer to rings that allow exactly one.
 */
public final class AgentPresence {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentPresence() {
    }

    /** @return {@code true} for the first caller only */
    public static boolean claim() {
        return STARTED.compareAndSet(false, true);
    }
}
