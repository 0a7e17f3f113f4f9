package io.perfweave.agent.budget;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.sink.console.HumanUnits;
import java.util.Locale;

/** The words of budget events, one line each, the same in the log and in what listeners receive. */
public final class BudgetText {

    private BudgetText() {
    }

    /** {@code budget exceeded: checkout p99 31.2ms > 25.0ms over last 10.0s (n=1204)} */
    public static String raised(Violation v) {
        return exceeded(v.probe(), v.metric(), v.observed(), v.limit(), "over last " + HumanUnits.nanos(v.windowNanos()),
                v.samples());
    }

    /**
     * {@code budget exceeded: checkout p99 31.2ms > 25.0ms over the test (n=1204)}: the words of
     * {@link #raised} for any stretch of calls, which {@code span} names.
     */
    public static String exceeded(String probe, BudgetMetric metric, double observed, double limit, String span,
                                  long samples) {
        return "budget exceeded: " + probe + " " + metric.key() + " " + value(metric, observed) + " > "
                + value(metric, limit) + " " + span + " (n=" + samples + ")";
    }

    /** {@code budget cleared: checkout p99 20.1ms <= 22.5ms (limit 25.0ms) over last 10.0s (n=1300), exceeded for 40.0s} */
    public static String cleared(Violation v, double hysteresis) {
        return "budget cleared: " + v.probe() + " " + v.metric().key() + " " + value(v.metric(), v.clearedObserved())
                + " <= " + value(v.metric(), v.limit() * (1 - hysteresis)) + " (limit " + value(v.metric(), v.limit())
                + ") over last " + HumanUnits.nanos(v.windowNanos()) + " (n=" + v.clearedSamples() + "), exceeded for "
                + HumanUnits.nanos(java.time.Duration.between(v.raised(), v.cleared()).toNanos());
    }

    /** {@code latency anomaly: checkout p99 48.0ms is 5.2 standard deviations above its last 30 intervals (mean 20.3ms, standard deviation 5.3ms, n=950)} */
    public static String anomaly(Anomaly a) {
        return "latency anomaly: " + a.probe() + " p99 " + HumanUnits.nanos(a.p99Nanos()) + " is "
                + String.format(Locale.ROOT, "%.1f", a.zScore()) + " standard deviations above its last " + a.history()
                + " intervals (mean " + HumanUnits.nanos(a.meanNanos()) + ", standard deviation "
                + HumanUnits.nanos(a.stddevNanos()) + ", n=" + a.samples() + ")";
    }

    /** A limit or an observed value, in the metric's unit. */
    public static String value(BudgetMetric metric, double value) {
        return switch (metric.kind()) {
            case LATENCY -> HumanUnits.nanos(value);
            case ALLOCATION -> HumanUnits.bytes(value);
            case ERROR_RATE -> String.format(Locale.ROOT, "%.2f%%", value * 100);
        };
    }
}
