package io.perfweave.agent.report;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.jvm.JvmContext;
import java.time.Instant;
import java.util.List;

/**
 * A probe's budget as judged at the end of one interval (see {@code io.perfweave.agent.budget}):
 * its limits and whether each is violated now, its violations since start, what changed in this
 * interval, and the anomalies found. Immutable, so a sink may keep it.
 *
 * @param limits       every limit the probe has, in metric order
 * @param violations   ongoing violations and the most recently cleared ones, oldest first
 * @param changes      the violations raised or cleared at the end of this interval: each is
 *                     reported once, when raised, and once, when cleared
 * @param anomalies    the most recent anomalous intervals, oldest first
 * @param newAnomalies the anomaly found in this interval, if any
 */
public record BudgetStatus(List<Limit> limits, List<Violation> violations, List<Violation> changes,
                           List<Anomaly> anomalies, List<Anomaly> newAnomalies) {

    public static final BudgetStatus NONE = new BudgetStatus(List.of(), List.of(), List.of(), List.of(), List.of());

    public BudgetStatus {
        limits = List.copyOf(limits);
        violations = List.copyOf(violations);
        changes = List.copyOf(changes);
        anomalies = List.copyOf(anomalies);
        newAnomalies = List.copyOf(newAnomalies);
    }

    /** Whether some limit of the probe is violated now. */
    public boolean violated() {
        return limits.stream().anyMatch(Limit::violated);
    }

    /**
     * One limit of the probe.
     *
     * @param limit    nanoseconds, bytes or a fraction, as {@link BudgetMetric#kind()} says
     * @param violated whether a violation of it is ongoing
     */
    public record Limit(BudgetMetric metric, double limit, boolean violated) {
    }

    /**
     * One violation of a limit, from the interval where it was raised to the one where it cleared.
     *
     * @param observed        the metric over the window when raised
     * @param samples         the calls in that window
     * @param windowNanos     the stretch of time that window covered
     * @param raised          the end of the interval where it was raised
     * @param cleared         the end of the interval where it cleared; {@code null} while ongoing
     * @param clearedObserved the metric over the window when cleared; NaN while ongoing
     * @param clearedSamples  the calls in that window; 0 while ongoing
     * @param jvm             what the JVM did in the window it was raised over (GC pauses, memory
     *                        pressure); {@code null} without a JVM monitor
     */
    public record Violation(String probe, BudgetMetric metric, double limit, double observed, long samples,
                            long windowNanos, Instant raised, Instant cleared, double clearedObserved,
                            long clearedSamples, JvmContext jvm) {

        /** A violation without the JVM's context. */
        public Violation(String probe, BudgetMetric metric, double limit, double observed, long samples,
                         long windowNanos, Instant raised, Instant cleared, double clearedObserved, long clearedSamples) {
            this(probe, metric, limit, observed, samples, windowNanos, raised, cleared, clearedObserved, clearedSamples,
                    null);
        }

        public boolean ongoing() {
            return cleared == null;
        }
    }

    /**
     * An interval whose p99 lay far above the probe's recent intervals.
     *
     * @param p99Nanos    the interval's p99
     * @param meanNanos   the mean p99 of the recent intervals
     * @param stddevNanos their standard deviation (at least 1% of the mean, see docs/budgets.md)
     * @param zScore      {@code (p99 - mean) / stddev}
     * @param threshold   {@code anomaly.threshold}
     * @param samples     calls timed in the interval
     * @param history     how many recent intervals it was compared with
     */
    public record Anomaly(String probe, double p99Nanos, double meanNanos, double stddevNanos, double zScore,
                          double threshold, long samples, int history, Instant intervalStart, Instant intervalEnd) {
    }
}
