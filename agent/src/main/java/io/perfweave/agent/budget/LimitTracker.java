package io.perfweave.agent.budget;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.report.BudgetStatus.Violation;
import java.time.Instant;

/**
 * The lifecycle of one limit of one probe: within, then raised when a judged window exceeds the
 * limit, ongoing while it stays above {@code limit × (1 - hysteresis)}, cleared once it is at or below
 * that. The gap between the two thresholds keeps a value hovering at the limit from raising and
 * clearing again and again. A window with fewer samples than the minimum is not judged and changes
 * nothing. Reporter thread only.
 */
final class LimitTracker {

    private final String probe;
    private final BudgetMetric metric;
    private final double limit;
    private final double clearBelow;
    private Violation ongoing;

    LimitTracker(String probe, BudgetMetric metric, double limit, double hysteresis) {
        this.probe = probe;
        this.metric = metric;
        this.limit = limit;
        this.clearBelow = limit * (1 - hysteresis);
    }

    BudgetMetric metric() {
        return metric;
    }

    double limit() {
        return limit;
    }

    boolean violated() {
        return ongoing != null;
    }

    /**
     * Judges one window.
     *
     * @param jvm gives the JVM's context of the window a violation is raised over; {@code null} for none
     * @return the violation if this window raised or cleared one, else {@code null}
     */
    Violation judge(double observed, long samples, long minSamples, long windowNanos, Instant at, JvmContextSource jvm) {
        if (samples < minSamples || Double.isNaN(observed)) {
            return null;
        }
        if (ongoing == null && observed > limit) {
            ongoing = new Violation(probe, metric, limit, observed, samples, windowNanos, at, null, Double.NaN, 0,
                    jvm == null ? null : jvm.contextOf(at.minusNanos(windowNanos), at));
            return ongoing;
        }
        if (ongoing != null && observed <= clearBelow) {
            Violation cleared = new Violation(probe, metric, limit, ongoing.observed(), ongoing.samples(),
                    ongoing.windowNanos(), ongoing.raised(), at, observed, samples, ongoing.jvm());
            ongoing = null;
            return cleared;
        }
        return null;
    }
}
