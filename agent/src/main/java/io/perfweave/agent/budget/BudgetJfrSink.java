package io.perfweave.agent.budget;

import io.perfweave.agent.jvm.JvmContext;
import io.perfweave.agent.overhead.OverheadViolation;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;

/**
 * Commits a JFR event for every budget raised or cleared ({@value BudgetViolationEvent#NAME}), the
 * agent's own ({@code agent.budget.overhead}, probe {@value OverheadViolation#PROBE}) included, and
 * every anomalous interval ({@value LatencyAnomalyEvent#NAME}). Without a recording running, a commit
 * costs next to nothing; a JVM without the {@code jdk.jfr} module fails to create this sink, and the
 * agent runs on without it.
 */
public final class BudgetJfrSink implements ReportSink {

    public BudgetJfrSink() {
        // Fails here, not at the first violation, when the JVM has no jdk.jfr module.
        new BudgetViolationEvent().isEnabled();
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        commit(snapshot);
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        commit(snapshot);
    }

    private static void commit(ReportSnapshot snapshot) {
        for (ProbeSnapshot probe : snapshot.probes()) {
            for (Violation change : probe.budget().changes()) {
                BudgetViolationEvent event = new BudgetViolationEvent();
                event.probe = change.probe();
                event.metric = change.metric().key();
                event.state = change.ongoing() ? "raised" : "cleared";
                event.limit = change.limit();
                event.observed = change.ongoing() ? change.observed() : change.clearedObserved();
                event.unit = change.metric().kind().unit();
                event.window = change.windowNanos();
                event.samples = change.ongoing() ? change.samples() : change.clearedSamples();
                setJvm(event, change.jvm());
                event.commit();
            }
            for (Anomaly anomaly : probe.budget().newAnomalies()) {
                LatencyAnomalyEvent event = new LatencyAnomalyEvent();
                event.probe = anomaly.probe();
                event.p99 = Math.round(anomaly.p99Nanos());
                event.mean = Math.round(anomaly.meanNanos());
                event.stddev = Math.round(anomaly.stddevNanos());
                event.zScore = anomaly.zScore();
                event.samples = anomaly.samples();
                event.commit();
            }
        }
        for (OverheadViolation change : snapshot.agentCost().changes()) {
            BudgetViolationEvent event = new BudgetViolationEvent();
            event.probe = OverheadViolation.PROBE;
            event.metric = OverheadViolation.METRIC;
            event.state = change.ongoing() ? "raised" : "cleared";
            event.limit = change.limit();
            event.observed = change.ongoing() ? change.observed() : change.clearedObserved();
            event.unit = OverheadViolation.UNIT;
            event.window = change.windowNanos();
            event.samples = change.ongoing() ? change.samples() : change.clearedSamples();
            setJvm(event, change.jvm());
            event.commit();
        }
    }

    /** What the JVM did in the window the violation was raised over: GC pauses and memory pressure. */
    private static void setJvm(BudgetViolationEvent event, JvmContext context) {
        event.gcPauses = context == null ? -1 : context.pauses();
        event.gcPauseTime = context == null ? 0 : context.pauseMillis();
        event.pressure = context == null ? "" : context.highestPressure().label();
    }

    @Override
    public String name() {
        return "budget jfr";
    }
}
