package io.perfweave.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Asks the Perfweave agent running in this JVM how the probed methods behaved, for a test that wants
 * to assert on it: take a {@link #checkpoint()}, exercise the code, then {@link #check} the calls made
 * since against a baseline file, latency limits or the probes' configured latency budgets.
 *
 * <p>Without an agent every method is a cheap no-op: {@link #isAttached()} is {@code false} and
 * {@link #check} answers {@link CheckResult.Status#NOT_ATTACHED}. The agent is reached through a
 * class on the bootstrap class path, by reflection, so this API depends on nothing.
 */
public final class Perfweave {

    static final String BRIDGE = "io.perfweave.agent.boot.AgentBridge";
    /** How an agent that predates the {@code check-v2} request form answers it. */
    static final String OLDER_AGENT_ANSWER = "Perfweave: unknown request ";
    /** The system property the agent sets to its version once it has started. */
    static final String AGENT_VERSION_PROPERTY = "io.perfweave.agent.version";
    static final String NOT_ATTACHED_MESSAGE = "Perfweave agent is not attached: run the tests with"
            + " -javaagent:/path/to/perfweave-agent.jar (for Maven, in Surefire's argLine)";

    /** Found once the agent has put its bridge on the bootstrap class path; looked for again until then. */
    private static volatile Method call;
    private static volatile Method installed;
    private static volatile Method addListener;
    private static volatile Method removeListener;
    /** What each listener was added to the bridge as, so that it can be removed. */
    private static final Map<BudgetListener, Consumer<Map<String, Object>>> LISTENERS = new ConcurrentHashMap<>();

    private Perfweave() {
    }

    /** Whether an agent has started in this JVM and answers requests. */
    public static boolean isAttached() {
        if (!findBridge()) {
            return false;
        }
        try {
            return (Boolean) installed.invoke(null);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Marks this moment: a later {@link #check} judges only the calls that finished after it (on any
     * thread). Calls that finished before it are included in the agent's reports but not in the check.
     *
     * @return {@link Checkpoint#NONE} without an agent
     */
    public static Checkpoint checkpoint() {
        if (!isAttached()) {
            return Checkpoint.NONE;
        }
        String[] answer = call(new String[] {"checkpoint"});
        if (!answer[0].equals("ok")) {
            throw new IllegalStateException(answer[1]);
        }
        return new Checkpoint(Long.parseLong(answer[1]));
    }

    /** Judges the calls of the check's probes since {@code since}; never throws for a failed check. */
    public static CheckResult check(Checkpoint since, LatencyCheck check) {
        if (since == Checkpoint.NONE || !isAttached()) {
            return new CheckResult(CheckResult.Status.NOT_ATTACHED, NOT_ATTACHED_MESSAGE);
        }
        String[] answer = call(check.judgesBudgets() ? checkV2(since, check) : firstCheck(since, check));
        if (answer[0].equals("error") && answer[1].startsWith(OLDER_AGENT_ANSWER)) {
            answer = new String[] {"error", "Perfweave: the agent in this JVM (" + System.getProperty(AGENT_VERSION_PROPERTY,
                    "version unknown") + ") is older than perfweave-agent-api and cannot judge budgets;"
                    + " use an agent of the same version as perfweave-agent-api"};
        }
        CheckResult.Status status = switch (answer[0]) {
            case "passed" -> CheckResult.Status.PASSED;
            case "failed" -> CheckResult.Status.FAILED;
            case "not-attached" -> CheckResult.Status.NOT_ATTACHED;
            default -> CheckResult.Status.ERROR;
        };
        return new CheckResult(status, status == CheckResult.Status.NOT_ATTACHED ? NOT_ATTACHED_MESSAGE : answer[1]);
    }

    /**
     * Tells {@code listener} of every budget event from now on (see {@link BudgetListener}). The agent
     * must have started: with {@code -javaagent} it has before {@code main} runs.
     *
     * @return {@code false}, and nothing is added, without an agent
     */
    public static boolean addBudgetListener(BudgetListener listener) {
        if (listener == null || !findBridge()) {
            return false;
        }
        Consumer<Map<String, Object>> bridged = event -> listener.onBudgetEvent(BudgetEvent.of(event));
        if (LISTENERS.putIfAbsent(listener, bridged) != null) {
            return true;
        }
        try {
            addListener.invoke(null, bridged);
            return true;
        } catch (ReflectiveOperationException e) {
            LISTENERS.remove(listener);
            return false;
        }
    }

    /** Stops telling {@code listener}; a listener never added is ignored. */
    public static void removeBudgetListener(BudgetListener listener) {
        Consumer<Map<String, Object>> bridged = listener == null ? null : LISTENERS.remove(listener);
        if (bridged != null && findBridge()) {
            try {
                removeListener.invoke(null, bridged);
            } catch (ReflectiveOperationException e) {
                // the agent's bridge cannot be called: there is nothing to remove from
            }
        }
    }

    /** The first form of a check, which every agent understands; used whenever it can say what is asked. */
    private static String[] firstCheck(Checkpoint since, LatencyCheck check) {
        List<String> request = new ArrayList<>(List.of("check", Long.toString(since.id()), check.baseline(),
                check.p50(), check.p99(), check.max()));
        request.addAll(check.probes());
        return request.toArray(new String[0]);
    }

    /** The form with named options, for what the first cannot say (budgets). */
    private static String[] checkV2(Checkpoint since, LatencyCheck check) {
        List<String> request = new ArrayList<>(List.of("check-v2", Long.toString(since.id())));
        for (String probe : check.probes()) {
            request.add("probe=" + probe);
        }
        request.add("baseline=" + check.baseline());
        request.add("p50=" + check.p50());
        request.add("p99=" + check.p99());
        request.add("max=" + check.max());
        request.add("budgets=" + check.judgesBudgets());
        return request.toArray(new String[0]);
    }

    private static String[] call(String[] request) {
        try {
            return (String[]) call.invoke(null, (Object) request);
        } catch (InvocationTargetException e) {
            return new String[] {"error", "Perfweave: " + e.getCause()};
        } catch (ReflectiveOperationException e) {
            return new String[] {"error", "Perfweave: cannot reach the agent: " + e};
        }
    }

    private static boolean findBridge() {
        if (call != null) {
            return true;
        }
        try {
            // The bootstrap loader (null): the agent's bridge is there, whatever loader this class has.
            Class<?> bridge = Class.forName(BRIDGE, false, null);
            installed = bridge.getMethod("isInstalled");
            addListener = bridge.getMethod("addListener", Consumer.class);
            removeListener = bridge.getMethod("removeListener", Consumer.class);
            call = bridge.getMethod("call", String[].class);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return false;
        }
    }
}
