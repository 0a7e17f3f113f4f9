package io.perfweave.agent.boot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one door from an application (through {@code io.perfweave.api.Perfweave}) into the running
 * agent. It lives on the bootstrap class path, so the application finds it with
 * {@code Class.forName(NAME, false, null)} whatever its class loader, and it speaks JDK types only,
 * so neither side needs the other's classes: requests and answers are arrays of strings.
 *
 * <p>Requests (element 0 names the command):
 * <ul>
 *   <li>{@code {"checkpoint"}}: answers {@code {"ok", id}};</li>
 *   <li>{@code {"check", id, baselineFile or "", p50 or "", p99 or "", max or "", probe...}}: judges the
 *       calls of the named probes since checkpoint {@code id} against a baseline file and latency
 *       limits (durations such as {@code 5ms}); answers {@code {"passed"|"failed"|"error", message}}.</li>
 *   <li>{@code {"check-v2", id, option...}}, each option {@code key=value}: {@code probe=<name>} (once per
 *       probe), {@code baseline=<file>}, {@code p50=}, {@code p99=}, {@code max=} and {@code budgets=true}
 *       (judge the probes' configured latency budgets); answers as {@code check}. An agent that does not
 *       know an option answers {@code error} naming it, so a newer API never gets a check it did not ask for.</li>
 * </ul>
 * Without an agent the answer is {@code {"not-attached", message}}. An agent older than the API
 * answers a request form it does not know with {@code {"error", "Perfweave: unknown request ..."}}.
 *
 * <p>The handler is installed by the agent at start, from its own class loader, after the
 * reporter runs, and removed when the agent detaches; it never throws.
 *
 * <p>Budget listeners go the other way: the application adds a {@code Consumer<Map<String, Object>>}
 * (which {@code Perfweave.addBudgetListener} builds around its listener), and the agent hands each
 * budget event to every listener as a map of JDK values. Keys: {@code kind} ({@code raised},
 * {@code cleared} or {@code anomaly}), {@code probe}, {@code message} (the log line), {@code time}
 * (ISO-8601), {@code samples} (Long); for {@code raised}/{@code cleared} also {@code metric},
 * {@code unit} ({@code ns}, {@code bytes} or {@code ratio}), {@code limit} and {@code observed}
 * (Double), {@code windowNanos} (Long), {@code raisedAt} (ISO-8601); for {@code anomaly} also
 * {@code metric} ({@code p99}), {@code unit} ({@code ns}), {@code observed} (the interval's p99),
 * {@code limit} (mean + threshold × standard deviation), {@code zScore} (Double) and
 * {@code windowNanos} (the interval's length). The agent's own budget ({@code agent.budget.overhead})
 * comes as probe {@code (agent)}, metric {@code overhead}, unit {@code ratio}.
 */
public final class AgentBridge {

    public static final String NAME = "io.perfweave.agent.boot.AgentBridge";
    public static final String NOT_ATTACHED = "not-attached";

    private static volatile Function<String[], String[]> handler;
    private static final List<Consumer<Map<String, Object>>> LISTENERS = new CopyOnWriteArrayList<>();

    private AgentBridge() {
    }

    public static void install(Function<String[], String[]> requestHandler) {
        handler = requestHandler;
    }

    /** Called when the agent detaches: from then on requests are answered as if no agent had started. */
    public static void uninstall() {
        handler = null;
    }

    public static boolean isInstalled() {
        return handler != null;
    }

    public static String[] call(String[] request) {
        Function<String[], String[]> current = handler;
        if (current == null) {
            return new String[] {NOT_ATTACHED, "the Perfweave agent has not started in this JVM"};
        }
        return current.apply(request.clone());
    }

    /** Adds a budget listener; called by the application, possibly before the agent's handler is installed. */
    public static void addListener(Consumer<Map<String, Object>> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<Map<String, Object>> listener) {
        LISTENERS.remove(listener);
    }

    /** The budget listeners added so far, for the agent to call. */
    public static List<Consumer<Map<String, Object>>> listeners() {
        return LISTENERS;
    }
}
