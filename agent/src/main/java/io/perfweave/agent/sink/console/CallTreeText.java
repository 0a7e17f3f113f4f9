package io.perfweave.agent.sink.console;

import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ProbeSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the call tree of probed methods as indented text, like a profiler's trace view: each line
 * is a probe under its probed caller, with the calls and time of that step, and the probe's self time
 * over the whole run. A probe reached again through recursion is shown once more, marked, and not
 * expanded further.
 */
final class CallTreeText {

    private CallTreeText() {
    }

    /** @return the tree, or {@code null} when no probed call was seen */
    static String render(List<CallEdge> edges, List<ProbeSnapshot> probes) {
        Map<String, List<CallEdge>> children = new HashMap<>();
        List<CallEdge> roots = new ArrayList<>();
        for (CallEdge edge : edges) {
            if (edge.parent() == null) {
                roots.add(edge);
            } else {
                children.computeIfAbsent(edge.parent(), k -> new ArrayList<>()).add(edge);
            }
        }
        if (roots.isEmpty()) {
            return null;
        }
        Map<String, CallStats> totals = new HashMap<>();
        probes.forEach(p -> totals.put(p.name(), p.total()));
        TextTable table = new TextTable("call tree", "calls", "time", "self (whole run)");
        roots.sort((a, b) -> Long.compare(b.timeNanos(), a.timeNanos()));
        for (CallEdge root : roots) {
            add(table, root, 0, children, totals, new HashSet<>());
        }
        return table.render("  ");
    }

    private static void add(TextTable table, CallEdge edge, int depth, Map<String, List<CallEdge>> children,
                            Map<String, CallStats> totals, Set<String> path) {
        boolean recursive = path.contains(edge.child());
        CallStats stats = totals.get(edge.child());
        table.add("  ".repeat(depth) + edge.child() + (recursive ? " (recursive)" : ""),
                Long.toString(edge.calls()), HumanUnits.nanos(edge.timeNanos()),
                stats == null ? "-" : HumanUnits.nanos(stats.selfTimeNanos()));
        if (recursive) {
            return;
        }
        path.add(edge.child());
        List<CallEdge> next = new ArrayList<>(children.getOrDefault(edge.child(), List.of()));
        next.sort((a, b) -> Long.compare(b.timeNanos(), a.timeNanos()));
        for (CallEdge child : next) {
            add(table, child, depth + 1, children, totals, path);
        }
        path.remove(edge.child());
    }
}
