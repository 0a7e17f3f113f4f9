package io.perfweave.agent.budget;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.report.BudgetJudge;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.HdrHistogram.AbstractHistogram;

/**
 * Judges every probe's budget at the end of every interval, for the reporter. A probe's budget is put
 * together the first time it is judged ({@link BudgetSettings#budgetOf}): probes of the configuration
 * and probes of {@code @Profiled} annotations alike. Probes with no limit and no anomaly detection
 * cost one map look-up per interval. A violation raised carries the JVM's context of its window (GC
 * pauses, memory pressure), taken when it is raised: the monitor keeps only recent collections.
 * Reporter thread only.
 */
public final class BudgetEvaluator implements BudgetJudge {

    /** The longest window, in intervals: bounds the memory a window keeps per probe. */
    static final int MAX_WINDOW_INTERVALS = 1_000;

    private static final ProbeBudget UNBUDGETED = new ProbeBudget(List.of(), 0, null, null);

    private final BudgetSettings settings;
    private final long intervalNanos;
    private final int significantDigits;
    private final JvmContextSource jvm;
    private final Map<Integer, ProbeBudget> budgets = new HashMap<>();

    public BudgetEvaluator(BudgetSettings settings, long intervalNanos, int significantDigits) {
        this(settings, intervalNanos, significantDigits, null);
    }

    /** @param jvm the JVM's context of a window a violation is raised over; {@code null} for none */
    public BudgetEvaluator(BudgetSettings settings, long intervalNanos, int significantDigits, JvmContextSource jvm) {
        this.settings = settings;
        this.intervalNanos = intervalNanos;
        this.significantDigits = significantDigits;
        this.jvm = jvm;
    }

    @Override
    public BudgetStatus judge(ProbeSpec probe, CallStats interval, AbstractHistogram latency, AbstractHistogram allocation,
                              Instant start, Instant end) {
        ProbeBudget budget = budgets.computeIfAbsent(probe.id(), id -> budgetOf(probe));
        if (budget == UNBUDGETED) {
            return BudgetStatus.NONE;
        }
        return budget.judge(interval, latency, allocation, start, end, jvm);
    }

    private ProbeBudget budgetOf(ProbeSpec probe) {
        BudgetLimits limits = settings.budgetOf(probe.name(), probe.annotatedBudget());
        List<LimitTracker> trackers = new ArrayList<>();
        for (Entry<BudgetMetric, Double> limit : limits.limits().entrySet()) {
            if (limit.getKey().kind() == BudgetMetric.Kind.ALLOCATION && !probe.allocations()) {
                continue; // budget.default.alloc.* applies only to probes that measure allocation
            }
            trackers.add(new LimitTracker(probe.name(), limit.getKey(), limit.getValue(), settings.hysteresis()));
        }
        AnomalyDetector anomalies = settings.anomaly().enabled() ? new AnomalyDetector(probe.name(), settings.anomaly()) : null;
        if (trackers.isEmpty() && anomalies == null) {
            return UNBUDGETED;
        }
        long windowNanos = limits.windowNanos().orElse(intervalNanos);
        return new ProbeBudget(List.copyOf(trackers), limits.minSamples().orElse(settings.minSamples()),
                new SlidingWindow(windowIntervals(windowNanos, intervalNanos), significantDigits), anomalies);
    }

    /**
     * A latency or allocation metric of a histogram, as every budget reads it and every other output
     * shows it (see {@code LatencySummary}): the maximum is the 100th percentile, the highest value
     * of the highest bucket holding a call, which a window's running sum gets right (see
     * {@link SlidingWindow}).
     */
    public static double observed(BudgetMetric metric, AbstractHistogram histogram) {
        if (Double.isNaN(metric.percentile())) {
            return histogram.getMean();
        }
        return histogram.getValueAtPercentile(metric.percentile());
    }

    /** How many intervals make up a window: the window rounded up to whole intervals, at least one. */
    static int windowIntervals(long windowNanos, long intervalNanos) {
        long intervals = (windowNanos + intervalNanos - 1) / intervalNanos;
        return (int) Math.max(1, Math.min(MAX_WINDOW_INTERVALS, intervals));
    }
}
