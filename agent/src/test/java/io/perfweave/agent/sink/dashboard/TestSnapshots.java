package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ExceptionCount;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.report.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;

/** Snapshots as the reporter builds them, with real histograms, for the dashboard's tests. */
final class TestSnapshots {

    static final RunInfo RUN = new RunInfo("1.2.3", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium", "17.0.9+9", 4242,
            "/etc/app/perfweave.properties");
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    /** A probe and the latencies its calls took in one interval. */
    record Calls(int id, String name, long[] latenciesNanos, long errors) {
    }

    private final List<Histogram> totals = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();
    private int interval;

    /** The next interval's snapshot (intervals of one second), every probe's totals accumulated from earlier calls. */
    ReportSnapshot next(boolean finalReport, Calls... calls) {
        Instant start = START.plusSeconds(interval);
        Instant end = start.plusSeconds(1);
        interval++;
        List<ProbeSnapshot> probes = new ArrayList<>();
        for (Calls probe : calls) {
            while (totals.size() <= probe.id()) {
                totals.add(new Histogram(2));
                counts.add(new long[2]);
            }
            Histogram intervalHistogram = new Histogram(2);
            for (long latency : probe.latenciesNanos()) {
                intervalHistogram.recordValue(latency);
            }
            Histogram total = totals.get(probe.id());
            total.add(intervalHistogram);
            long[] count = counts.get(probe.id());
            count[0] += probe.latenciesNanos().length;
            count[1] += probe.errors();
            CallStats intervalStats = new CallStats(probe.latenciesNanos().length, probe.errors(), 0,
                    LatencySummary.of(intervalHistogram), LatencySummary.EMPTY, null, 0, 0);
            CallStats totalStats = new CallStats(count[0], count[1], 0, LatencySummary.of(total), LatencySummary.EMPTY,
                    probe.id() == 0 ? new AllocationSummary(count[0], 16, 24, 32, 48, 64, 30.5, count[0] * 30) : null,
                    total.getTotalCount() * 100, total.getTotalCount() * 60);
            probes.add(new ProbeSnapshot(probe.id(), probe.name(), "com.acme." + probe.name() + "#run",
                    List.of("com.acme." + probe.name() + "#run()"), 1, intervalStats, totalStats, intervalHistogram, total,
                    probe.errors() > 0 ? List.of(new ExceptionCount("java.lang.IllegalStateException", count[1])) : List.of()));
        }
        return new ReportSnapshot(START, start, end, finalReport, probes, 0,
                List.of(new CallEdge(null, calls[0].name(), 10, 1_000)), new ReporterHealth(250_000, 0.25, 3));
    }

    /** The same snapshot with these JVM health and agent cost figures. */
    static ReportSnapshot withJvm(ReportSnapshot s, JvmHealth jvm, AgentCost cost) {
        return new ReportSnapshot(s.runStart(), s.intervalStart(), s.intervalEnd(), s.finalReport(), s.probes(),
                s.droppedTotal(), s.callEdges(), s.health(), jvm, cost);
    }

    /** The same snapshot with each probe replaced by what {@code change} makes of it. */
    static ReportSnapshot withProbes(ReportSnapshot s, UnaryOperator<ProbeSnapshot> change) {
        return new ReportSnapshot(s.runStart(), s.intervalStart(), s.intervalEnd(), s.finalReport(),
                s.probes().stream().map(change).toList(), s.droppedTotal(), s.callEdges(), s.health(), s.jvm(),
                s.agentCost());
    }

    /** The same probe with this budget. */
    static ProbeSnapshot withBudget(ProbeSnapshot p, BudgetStatus budget) {
        return new ProbeSnapshot(p.id(), p.name(), p.pattern(), p.methods(), p.matchedClasses(), p.interval(), p.total(),
                p.intervalHistogram(), p.totalHistogram(), p.exceptions(), p.totalSelfTimeHistogram(),
                p.totalAllocationHistogram(), p.samplePeriod(), budget, p.adaptive(), p.priority(), p.periodInForce());
    }

    /**
     * The same probe sampled one call in {@code period}, adaptive sampling having set one in {@code periodInForce},
     * with {@code untimed} more calls since start (of which {@code untimedInInterval} in the interval) counted and not timed.
     */
    static ProbeSnapshot sampled(ProbeSnapshot p, int period, ProbePriority priority, int periodInForce, long untimed,
                                 long untimedInInterval) {
        return new ProbeSnapshot(p.id(), p.name(), p.pattern(), p.methods(), p.matchedClasses(),
                plusUntimed(p.interval(), untimedInInterval), plusUntimed(p.total(), untimed), p.intervalHistogram(),
                p.totalHistogram(), p.exceptions(), p.totalSelfTimeHistogram(), p.totalAllocationHistogram(), period,
                p.budget(), true, priority, periodInForce);
    }

    private static CallStats plusUntimed(CallStats s, long untimed) {
        return new CallStats(s.calls() + untimed, s.errors(), s.dropped(), s.latency(), s.failedLatency(), s.allocation(),
                s.totalTimeNanos(), s.selfTimeNanos(), s.untimed() + untimed);
    }

    static long[] latencies(long from, long to, int count) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = from + (to - from) * i / Math.max(1, count - 1);
        }
        return values;
    }
}
