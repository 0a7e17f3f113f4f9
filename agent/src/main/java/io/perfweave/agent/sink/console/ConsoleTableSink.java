package io.perfweave.agent.sink.console;

import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a compact table of the probes: after every interval (the probes called in it) and at exit
 * (every probe, over the whole run, with a warning for each probe that matched nothing).
 */
public final class ConsoleTableSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.report");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String[] HEADER = {"probe", "calls", "errors", "p50", "p90", "p99", "p99.9", "max", "mean"};

    private final boolean intervalTables;
    private final boolean finalTable;

    public ConsoleTableSink(boolean intervalTables, boolean finalTable) {
        this.intervalTables = intervalTables;
        this.finalTable = finalTable;
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        if (!intervalTables) {
            return;
        }
        String table = render(snapshot, ProbeSnapshot::interval, true);
        if (table != null) {
            LOG.info("interval {}-{}\n{}", TIME.format(snapshot.intervalStart()), TIME.format(snapshot.intervalEnd()), table);
        }
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        if (finalTable) {
            String table = render(snapshot, ProbeSnapshot::total, false);
            Duration run = Duration.between(snapshot.runStart(), snapshot.intervalEnd());
            LOG.info("final report, {} s of run, {} record(s) dropped\n{}", String.format(java.util.Locale.ROOT, "%.1f", run.toMillis() / 1e3),
                    snapshot.droppedTotal(), table == null ? "  (no probes configured)" : table);
        }
        for (ProbeSnapshot probe : snapshot.probes()) {
            if (probe.methods().isEmpty()) {
                LOG.warn("probe '{}' ({}) {}", probe.name(), probe.pattern(), probe.matchedClasses() == 0
                        ? "matched no class loaded in this run"
                        : "matched classes, but none of their methods");
            }
        }
    }

    /** @return the table, or {@code null} when it would have no rows */
    private static String render(ReportSnapshot snapshot, Function<ProbeSnapshot, CallStats> figures,
                                 boolean onlyCalled) {
        TextTable table = new TextTable(HEADER);
        int rows = 0;
        for (ProbeSnapshot probe : snapshot.probes()) {
            CallStats stats = figures.apply(probe);
            if (onlyCalled && stats.calls() == 0) {
                continue;
            }
            LatencySummary l = stats.latency();
            boolean timed = l.samples() > 0;
            table.add(probe.name(), Long.toString(stats.calls()), Long.toString(stats.errors()),
                    timed ? HumanUnits.nanos(l.p50()) : "-", timed ? HumanUnits.nanos(l.p90()) : "-",
                    timed ? HumanUnits.nanos(l.p99()) : "-", timed ? HumanUnits.nanos(l.p999()) : "-",
                    timed ? HumanUnits.nanos(l.max()) : "-", timed ? HumanUnits.nanos(l.mean()) : "-");
            rows++;
        }
        return rows == 0 ? null : table.render("  ");
    }

    @Override
    public String name() {
        return "console";
    }
}
