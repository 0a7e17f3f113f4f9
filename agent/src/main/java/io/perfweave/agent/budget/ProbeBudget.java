package io.perfweave.agent.budget;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import io.perfweave.agent.report.BudgetStatus.Limit;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.report.CallStats;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * One probe's limits, the window they are judged over, its anomaly detector, and what they found
 * so far: every ongoing violation and the last {@value #KEPT} cleared ones and anomalies. Reporter
 * thread only.
 */
final class ProbeBudget {

    static final int KEPT = 50;

    private final List<LimitTracker> trackers;
    private final long minSamples;
    private final SlidingWindow window;
    private final AnomalyDetector anomalies;
    private final List<Violation> ongoing = new ArrayList<>();
    private final Deque<Violation> cleared = new ArrayDeque<>();
    private final Deque<Anomaly> anomalous = new ArrayDeque<>();

    /** @param anomalies {@code null} when anomalies are not looked for */
    ProbeBudget(List<LimitTracker> trackers, long minSamples, SlidingWindow window, AnomalyDetector anomalies) {
        this.trackers = trackers;
        this.minSamples = minSamples;
        this.window = window;
        this.anomalies = anomalies;
    }

    /** @param jvm the JVM's context of a window a violation is raised over; {@code null} for none */
    BudgetStatus judge(CallStats interval, AbstractHistogram latency, AbstractHistogram allocation, Instant start,
                       Instant end, JvmContextSource jvm) {
        List<Violation> changes = List.of();
        if (!trackers.isEmpty()) {
            SlidingWindow.Figures figures = window.sum(latency, allocation, interval.calls(), interval.errors(), start, end);
            changes = judgeLimits(figures, end, jvm);
        }
        List<Anomaly> newAnomalies = List.of();
        if (anomalies != null) {
            Anomaly anomaly = anomalies.judge(interval.latency().p99(), interval.latency().samples(), start, end);
            if (anomaly != null) {
                newAnomalies = List.of(anomaly);
                keep(anomalous, anomaly);
            }
        }
        List<Limit> limits = new ArrayList<>(trackers.size());
        for (LimitTracker tracker : trackers) {
            limits.add(new Limit(tracker.metric(), tracker.limit(), tracker.violated()));
        }
        List<Violation> violations = new ArrayList<>(cleared.size() + ongoing.size());
        violations.addAll(cleared);
        violations.addAll(ongoing);
        violations.sort((a, b) -> a.raised().compareTo(b.raised()));
        return new BudgetStatus(limits, violations, changes, List.copyOf(anomalous), newAnomalies);
    }

    private List<Violation> judgeLimits(SlidingWindow.Figures figures, Instant end, JvmContextSource jvm) {
        List<Violation> changes = new ArrayList<>(0);
        for (LimitTracker tracker : trackers) {
            BudgetMetric metric = tracker.metric();
            AbstractHistogram histogram = metric.kind() == BudgetMetric.Kind.ALLOCATION ? figures.allocation() : figures.latency();
            long samples;
            double observed;
            if (metric.kind() == BudgetMetric.Kind.ERROR_RATE) {
                samples = figures.calls();
                observed = samples == 0 ? Double.NaN : (double) figures.errors() / samples;
            } else if (histogram == null) {
                continue;
            } else {
                samples = histogram.getTotalCount();
                observed = samples == 0 ? Double.NaN : BudgetEvaluator.observed(metric, histogram);
            }
            Violation change = tracker.judge(observed, samples, minSamples, figures.spanNanos(), end, jvm);
            if (change != null) {
                changes.add(change);
                if (change.ongoing()) {
                    ongoing.add(change);
                } else {
                    ongoing.removeIf(v -> v.metric() == metric);
                    keep(cleared, change);
                }
            }
        }
        return changes;
    }

    private static <T> void keep(Deque<T> kept, T item) {
        if (kept.size() == KEPT) {
            kept.removeFirst();
        }
        kept.addLast(item);
    }
}
