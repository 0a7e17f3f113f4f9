package io.perfweave.agent.budget;

import io.perfweave.agent.boot.AgentBridge;
import io.perfweave.agent.overhead.OverheadViolation;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every budget event to the listeners the application added through {@code agent-api}
 * ({@link AgentBridge#listeners()}), as maps of JDK values so that neither side sees the other's
 * classes. The agent's own budget ({@code agent.budget.overhead}) reaches them the same way, as probe
 * {@value OverheadViolation#PROBE}, metric {@value OverheadViolation#METRIC}. Listeners run on one daemon thread of their own, {@code perfweave-budget-listeners}, so a
 * slow or blocking listener never holds up the reporter; at most {@value #QUEUED} events wait for it,
 * and events beyond that are dropped and counted in the log.
 */
public final class BudgetListenerSink implements ReportSink {

    static final int QUEUED = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger("perfweave.budget");

    private final double hysteresis;
    private final ThreadPoolExecutor delivery;
    private boolean droppedLogged;
    private volatile boolean listenerFailureLogged;

    public BudgetListenerSink(double hysteresis) {
        this.hysteresis = hysteresis;
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED), task -> {
            Thread thread = new Thread(task, "perfweave-budget-listeners");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        deliver(snapshot);
    }

    /** On detach or exit: the events already queued are still delivered, for a second at most; then the thread ends. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        deliver(snapshot);
    }

    private void deliver(ReportSnapshot snapshot) {
        List<Consumer<Map<String, Object>>> listeners = AgentBridge.listeners();
        if (listeners.isEmpty()) {
            return;
        }
        for (ProbeSnapshot probe : snapshot.probes()) {
            for (Violation change : probe.budget().changes()) {
                submit(listeners, violation(change));
            }
            for (Anomaly anomaly : probe.budget().newAnomalies()) {
                submit(listeners, anomaly(anomaly));
            }
        }
        for (OverheadViolation change : snapshot.agentCost().changes()) {
            submit(listeners, overhead(change));
        }
    }

    private void submit(List<Consumer<Map<String, Object>>> listeners, Map<String, Object> event) {
        if (delivery.getQueue().remainingCapacity() == 0) {
            if (!droppedLogged) {
                droppedLogged = true;
                LOG.warn("budget listeners are too slow: {} events wait for them; later events are not delivered to them",
                        QUEUED);
            }
            return;
        }
        delivery.execute(() -> {
            for (Consumer<Map<String, Object>> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (Throwable t) {
                    if (!listenerFailureLogged) {
                        listenerFailureLogged = true;
                        LOG.warn("a budget listener threw; the other listeners are still called (not logged again)", t);
                    }
                }
            }
        });
    }

    private Map<String, Object> violation(Violation v) {
        boolean raised = v.ongoing();
        return event(raised, v.probe(), v.metric().key(), v.metric().kind().unit(), v.limit(),
                raised ? v.observed() : v.clearedObserved(), raised ? v.samples() : v.clearedSamples(), v.windowNanos(),
                v.raised(), raised ? v.raised() : v.cleared(),
                raised ? BudgetText.raised(v) : BudgetText.cleared(v, hysteresis));
    }

    private static Map<String, Object> overhead(OverheadViolation v) {
        boolean raised = v.ongoing();
        return event(raised, OverheadViolation.PROBE, OverheadViolation.METRIC, OverheadViolation.UNIT, v.limit(),
                raised ? v.observed() : v.clearedObserved(), raised ? v.samples() : v.clearedSamples(), v.windowNanos(),
                v.raised(), raised ? v.raised() : v.cleared(), v.message());
    }

    /** A raised or cleared violation as listeners get it, whether a probe's budget or the agent's own. */
    private static Map<String, Object> event(boolean raised, String probe, String metric, String unit, double limit,
                                             double observed, long samples, long windowNanos, Instant raisedAt,
                                             Instant time, String message) {
        Map<String, Object> event = new HashMap<>();
        event.put("kind", raised ? "raised" : "cleared");
        event.put("probe", probe);
        event.put("metric", metric);
        event.put("unit", unit);
        event.put("limit", limit);
        event.put("observed", observed);
        event.put("samples", samples);
        event.put("windowNanos", windowNanos);
        event.put("raisedAt", raisedAt.toString());
        event.put("time", time.toString());
        event.put("message", message);
        return Map.copyOf(event);
    }

    private static Map<String, Object> anomaly(Anomaly a) {
        Map<String, Object> event = new HashMap<>();
        event.put("kind", "anomaly");
        event.put("probe", a.probe());
        event.put("metric", "p99");
        event.put("unit", "ns");
        event.put("observed", a.p99Nanos());
        event.put("limit", a.meanNanos() + a.threshold() * a.stddevNanos());
        event.put("zScore", a.zScore());
        event.put("samples", a.samples());
        event.put("windowNanos", Duration.between(a.intervalStart(), a.intervalEnd()).toNanos());
        event.put("time", a.intervalEnd().toString());
        event.put("message", BudgetText.anomaly(a));
        return Map.copyOf(event);
    }

    @Override
    public String name() {
        return "budget listeners";
    }
}
