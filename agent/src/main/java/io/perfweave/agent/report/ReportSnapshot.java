package io.perfweave.agent.report;

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
 */
public record ReportSnapshot(Instant runStart, Instant intervalStart, Instant intervalEnd, boolean finalReport,
                             List<ProbeSnapshot> probes, long droppedTotal, List<CallEdge> callEdges,
                             ReporterHealth health) {
}
