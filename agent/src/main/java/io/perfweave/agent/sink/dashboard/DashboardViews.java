package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.jvm.CollectorActivity;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.RunInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each snapshot into one {@link DashboardView}, for the live dashboard and the HTML report
 * alike: both ask this object, which builds the view once per snapshot, so the page and the file
 * never disagree. It keeps the last {@value #HISTORY_INTERVALS} intervals of every probe's
 * percentiles for the charts, and each probe's latency distribution.
 *
 * <p>Reporter thread only: it reads the histograms the snapshot lends and copies what it keeps.
 * A distribution is recomputed only for probes timed in the interval, so idle probes cost nothing.
 */
public final class DashboardViews {

    /** How many intervals the charts go back: 2 minutes at the default interval of 1 s. */
    public static final int HISTORY_INTERVALS = 120;

    private final RunInfo run;
    private final long intervalNanos;
    private final BaselineVerdicts verdicts;
    private final ArrayDeque<IntervalPoint> history = new ArrayDeque<>(HISTORY_INTERVALS);
    private final Map<Integer, PercentileSpectrum> sinceStart = new HashMap<>();
    private long sequence;
    private ReportSnapshot viewed;
    private DashboardView view;

    /** @param verdicts the comparison with a baseline, or {@code null} when there is none */
    public DashboardViews(RunInfo run, long intervalNanos, BaselineVerdicts verdicts) {
        this.run = run;
        this.intervalNanos = intervalNanos;
        this.verdicts = verdicts;
    }

    /** The view of this snapshot, built on the first call for it. */
    public DashboardView of(ReportSnapshot snapshot) {
        if (snapshot != viewed) {
            view = build(snapshot);
            viewed = snapshot;
        }
        return view;
    }

    private DashboardView build(ReportSnapshot snapshot) {
        Map<String, ProbeComparison> regressions = verdicts == null ? Map.of() : verdicts.of(snapshot);
        List<ProbeSnapshot> byId = new ArrayList<>(snapshot.probes());
        byId.sort(Comparator.comparingInt(ProbeSnapshot::id));
        IntervalPoint.Builder point = new IntervalPoint.Builder(snapshot.intervalEnd());
        for (ProbeSnapshot probe : byId) {
            CallStats interval = probe.interval();
            if (interval.calls() > 0) {
                LatencySummary latency = interval.latency();
                point.add(probe.id(), interval.calls(), interval.errors(), latency.p50(), latency.p90(), latency.p99(),
                        latency.max());
            }
        }
        if (history.size() == HISTORY_INTERVALS) {
            history.removeFirst();
        }
        history.addLast(point.build());

        List<ProbeView> probes = new ArrayList<>(snapshot.probes().size());
        for (ProbeSnapshot probe : snapshot.probes()) {
            boolean timed = probe.intervalHistogram().getTotalCount() > 0;
            PercentileSpectrum total = sinceStart.get(probe.id());
            if (total == null || timed) {
                total = PercentileSpectrum.of(probe.totalHistogram());
                sinceStart.put(probe.id(), total);
            }
            probes.add(new ProbeView(probe.id(), probe.name(), probe.pattern(), probe.methods(), probe.interval(),
                    probe.total(), probe.exceptions(), BudgetState.of(probe), regressions.get(probe.name()), total,
                    timed ? PercentileSpectrum.of(probe.intervalHistogram()) : PercentileSpectrum.EMPTY,
                    probe.budget().violations(), probe.samplePeriod(), probe.adaptive(), probe.priority(),
                    probe.periodInForce()));
        }
        Optional<Baseline> baseline = verdicts == null ? Optional.empty() : Optional.of(verdicts.baseline());
        return new DashboardView(++sequence, snapshot.finalReport(), snapshot.runStart(), snapshot.intervalStart(),
                snapshot.intervalEnd(), intervalNanos, run, baseline, probes, snapshot.callEdges(),
                snapshot.droppedTotal(), snapshot.health(), withoutHistograms(snapshot.jvm()), snapshot.agentCost(),
                List.copyOf(history));
    }

    /** The JVM's health with its collectors' scalar figures only: their histograms are the monitor's, lent for this interval. */
    private static JvmHealth withoutHistograms(JvmHealth jvm) {
        List<CollectorActivity> collectors = new ArrayList<>(jvm.collectors().size());
        for (CollectorActivity c : jvm.collectors()) {
            collectors.add(new CollectorActivity(c.name(), c.kind(), c.intervalCount(), c.totalCount(), c.intervalMillis(),
                    c.totalMillis(), c.intervalMaxMillis(), c.totalMaxMillis(), null, null));
        }
        return new JvmHealth(jvm.heapUsedBytes(), jvm.heapCommittedBytes(), jvm.heapMaxBytes(), jvm.oldGenAfterGc(),
                collectors, jvm.allocatedBytes(), jvm.allocatedBytesTotal(), jvm.allocationBytesPerSecond(),
                jvm.liveThreads(), jvm.peakThreads(), jvm.processCpuNanos(), jvm.processCpuNanosTotal(),
                jvm.processCpuLoad(), jvm.processors(), jvm.pressure(), jvm.highestPressure(), jvm.leakHint(),
                jvm.leakHintActive());
    }
}
