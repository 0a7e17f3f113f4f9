package io.perfweave.agent.boot;

import java.util.function.Consumer;

/**
 * The door from the command line ({@code status}, {@code reload}, {@code detach}, a second
 * {@code attach}) into the runtime already running in this JVM. Each {@code agentmain} call comes
 * with a fresh {@code Instrumentation} and, when the agent jar is named again, may run in a class
 * loaded from elsewhere; this bootstrap class is the one place all of them share. It holds the
 * running runtime's handler, typed with JDK types only, and nothing else; the runtime removes it
 * when it detaches, so that no bootstrap class keeps the agent's class loader reachable.
 */
public final class AgentControl {

    private static volatile Consumer<String> handler;

    private AgentControl() {
    }

    /** @param requestHandler handles the request file a command wrote; writes the reply itself and never throws */
    public static void install(Consumer<String> requestHandler) {
        handler = requestHandler;
    }

    public static void uninstall() {
        handler = null;
    }

    /**
     * Hands a command's request file to the running runtime.
     *
     * @return {@code false} when no runtime runs: the caller must answer the request itself
     */
    public static boolean handle(String requestFile) {
        Consumer<String> current = handler;
        if (current == null) {
            return false;
        }
        current.accept(requestFile);
        return true;
    }
}
