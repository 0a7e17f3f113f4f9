package io.perfweave.agent.report;

import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.overhead.AgentCost;
import java.time.Instant;
import java.util.List;

/**
 * Everything the agent knows at the end of one reporting interval. The reporter builds one per
 * interval and every sink reads that same object, so no two outputs ever disagree.
 *
 * @param runStart      when the agent started
 * @param intervalStart start of the interval this snapshot closes
 * @param intervalEnd   end of it
 * @param finalReport   {@code true} for the last snapshot, taken when the JVM exits
 * @param droppedTotal  records dropped since start because a ring was full
 * @param callEdges     every parent to child step between probed methods seen since start
 * @param health        the reporter's own figures
 * @param jvm           the JVM's health at the end of the interval; {@link JvmHealth#UNMEASURED} without a monitor
 * @param agentCost     what the agent itself cost; {@link AgentCost#UNMEASURED} when not measured
 */
public record ReportSnapshot(Instant runStart, Instant intervalStart, Instant intervalEnd, boolean finalReport,
                             List<ProbeSnapshot> probes, long droppedTotal, List<CallEdge> callEdges,
                             ReporterHealth health, JvmHealth jvm, AgentCost agentCost) {

    /** A snapshot without JVM health and agent cost figures. */
    public ReportSnapshot(Instant runStart, Instant intervalStart, Instant intervalEnd, boolean finalReport,
                          List<ProbeSnapshot> probes, long droppedTotal, List<CallEdge> callEdges, ReporterHealth health) {
        this(runStart, intervalStart, intervalEnd, finalReport, probes, droppedTotal, callEdges, health,
                JvmHealth.UNMEASURED, AgentCost.UNMEASURED);
    }
}
