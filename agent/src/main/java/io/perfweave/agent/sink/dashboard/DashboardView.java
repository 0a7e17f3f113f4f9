package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.report.RunInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the dashboard and the HTML report show, as of one snapshot. Built on the reporter
 * thread by {@link DashboardViews}; immutable, so the HTTP thread serves it without touching the
 * reporter's state.
 *
 * @param sequence       1 for the first snapshot, one more for each after it
 * @param intervalNanos  {@code reporter.interval}, which tells the page how often to look for news
 * @param history        the last intervals, oldest first, at most {@link DashboardViews#HISTORY_INTERVALS}
 * @param baseline       the baseline of {@code baseline.compare}, if the run is compared with one
 * @param jvm            the snapshot's JVM health, its collectors without their histograms (the
 *                       monitor lends those for one interval only, and the view outlives it)
 * @param agentCost      the snapshot's figures of what the agent itself cost
 */
public record DashboardView(long sequence, boolean finalReport, Instant runStart, Instant intervalStart,
                            Instant intervalEnd, long intervalNanos, RunInfo run, Optional<Baseline> baseline,
                            List<ProbeView> probes, List<CallEdge> callEdges, long droppedTotal,
                            ReporterHealth reporter, JvmHealth jvm, AgentCost agentCost,
                            List<IntervalPoint> history) {

    public DashboardView {
        probes = List.copyOf(probes);
        callEdges = List.copyOf(callEdges);
        history = List.copyOf(history);
    }

    public Optional<ProbeView> probe(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
