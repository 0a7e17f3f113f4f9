package io.perfweave.agent.sink.console;

import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private static final String[] HEADER = {"probe", "calls", "errors", "err%", "p50", "p90", "p99", "p99.9", "max", "mean"};

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
        String jvm = JvmHealthLine.render(snapshot.jvm(), snapshot.agentCost());
        if (table != null || jvm != null) {
            String body = table == null ? "  " + jvm : jvm == null ? table : table + "\n  " + jvm;
            LOG.info("interval {}-{}\n{}", TIME.format(snapshot.intervalStart()), TIME.format(snapshot.intervalEnd()), body);
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
        if (finalTable) {
            String tree = CallTreeText.render(snapshot.callEdges(), snapshot.probes());
            if (tree != null) {
                LOG.info("call tree of probed methods\n{}", tree);
            }
        }
        for (ProbeSnapshot probe : snapshot.probes()) {
            if (probe.methods().isEmpty()) {
                LOG.warn("probe '{}' ({}) {}", probe.name(), probe.pattern(), probe.matchedClasses() == 0
                        ? "matched no class loaded in this run"
                        : "matched classes, but none of their methods");
            }
        }
    }

    /**
     * @return the table, or {@code null} when it would have no rows. Columns for failed calls and
     *         allocation appear only when some row has something to show in them.
     */
    private static String render(ReportSnapshot snapshot, Function<ProbeSnapshot, CallStats> figures,
                                 boolean onlyCalled) {
        List<ProbeSnapshot> rows = snapshot.probes().stream()
                .filter(p -> !onlyCalled || figures.apply(p).calls() > 0)
                .toList();
        if (rows.isEmpty()) {
            return null;
        }
        boolean failures = rows.stream().anyMatch(p -> figures.apply(p).failedLatency().samples() > 0);
        boolean allocation = rows.stream().anyMatch(p -> figures.apply(p).allocation() != null);
        List<String> header = new ArrayList<>(List.of(HEADER));
        if (failures) {
            header.addAll(List.of("fail p50", "fail max"));
        }
        if (allocation) {
            header.addAll(List.of("alloc/call", "alloc p99"));
        }
        boolean sampled = rows.stream().anyMatch(p -> p.periodInForce() > 1 || figures.apply(p).untimed() > 0);
        if (sampled) {
            header.add("timed");
        }
        boolean budgets = rows.stream().anyMatch(p -> !p.budget().limits().isEmpty());
        if (budgets) {
            header.add("budget");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (ProbeSnapshot probe : rows) {
            CallStats stats = figures.apply(probe);
            List<String> cells = new ArrayList<>();
            cells.add(probe.name());
            cells.add(Long.toString(stats.calls()));
            cells.add(Long.toString(stats.errors()));
            cells.add(stats.errors() == 0 ? "0" : String.format(Locale.ROOT, "%.2f%%", stats.errorRate() * 100));
            addLatency(cells, stats.latency());
            if (failures) {
                LatencySummary failed = stats.failedLatency();
                cells.add(failed.samples() > 0 ? HumanUnits.nanos(failed.p50()) : "-");
                cells.add(failed.samples() > 0 ? HumanUnits.nanos(failed.max()) : "-");
            }
            if (allocation) {
                AllocationSummary alloc = stats.allocation();
                boolean measured = alloc != null && alloc.samples() > 0;
                cells.add(measured ? HumanUnits.bytes(alloc.mean()) : "-");
                cells.add(measured ? HumanUnits.bytes(alloc.p99()) : "-");
            }
            if (sampled) {
                cells.add(timedCell(probe, stats, onlyCalled));
            }
            if (budgets) {
                cells.add(budgetCell(probe.budget()));
            }
            table.add(cells.toArray(String[]::new));
        }
        return table.render("  ");
    }

    /**
     * The share of calls timed, and in an interval table the rate in force when it is not every call:
     * {@code 1/16 6.2%}; honest figures under sampling say how many calls they stand on.
     */
    private static String timedCell(ProbeSnapshot probe, CallStats stats, boolean interval) {
        String share = String.format(Locale.ROOT, "%.1f%%", stats.timedRate() * 100);
        return interval && probe.periodInForce() > 1 ? "1/" + probe.periodInForce() + " " + share : share;
    }

    /** {@code ok}, {@code OVER p99,max} while limits are exceeded, or {@code -} without a budget. */
    private static String budgetCell(BudgetStatus budget) {
        if (budget.limits().isEmpty()) {
            return "-";
        }
        String over = budget.limits().stream().filter(BudgetStatus.Limit::violated)
                .map(limit -> limit.metric().key()).collect(java.util.stream.Collectors.joining(","));
        return over.isEmpty() ? "ok" : "OVER " + over;
    }

    private static void addLatency(List<String> cells, LatencySummary l) {
        boolean timed = l.samples() > 0;
        for (double value : new double[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean()}) {
            cells.add(timed ? HumanUnits.nanos(value) : "-");
        }
    }

    @Override
    public String name() {
        return "console";
    }
}
