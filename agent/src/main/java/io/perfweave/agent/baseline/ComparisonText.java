package io.perfweave.agent.baseline;

import io.perfweave.agent.sink.console.HumanUnits;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The words for a comparison, the same in the agent's log, the {@code compare} command and the JUnit
 * extension: {@code price regressed: p50 24.1us -> 34.0us (+41.1%, at least +38.2%); ...}.
 */
public final class ComparisonText {

    private ComparisonText() {
    }

    /** One line: the probe, its status and every metric with its numbers. */
    public static String describe(ProbeComparison probe) {
        return probe.name() + " " + probe.status().label() + ": " + details(probe);
    }

    /** Every metric with its numbers, or why the probe was not judged. */
    public static String details(ProbeComparison probe) {
        if (probe.reason() != null) {
            return probe.reason();
        }
        return probe.metrics().stream().map(ComparisonText::metric).collect(Collectors.joining("; "))
                + " (" + probe.baselineSamples() + " -> " + probe.currentSamples() + " timed calls; "
                + tolerances(probe.rule()) + ")";
    }

    /** {@code tolerance p50 20%, p99 100%, at least 1.00us}. */
    public static String tolerances(RegressionRule rule) {
        return "tolerance p50 " + percent(rule.tolerance()) + ", p99 " + percent(rule.tailTolerance())
                + ", at least " + HumanUnits.nanos(rule.minChangeNanos());
    }

    /** {@code p99 54.5us -> 70.0us (+28.4%, at least +20.1%)}, or why the metric was not judged. */
    public static String metric(MetricComparison metric) {
        if (!metric.judged()) {
            return metric.metric() + " not judged: " + metric.reason();
        }
        String bound = switch (metric.status()) {
            case REGRESSED -> ", at least " + signedPercent(metric.changeLow());
            case IMPROVED -> ", at least " + signedPercent(metric.changeHigh());
            default -> "";
        };
        return metric.metric() + " " + HumanUnits.nanos(metric.baselineNanos()) + " -> "
                + HumanUnits.nanos(metric.currentNanos()) + " (" + signedPercent(metric.change()) + bound + ")";
    }

    /** Every regressed probe, one per line, for a test failure or a summary. */
    public static String regressions(List<ProbeComparison> probes) {
        return probes.stream().filter(p -> p.status() == RegressionStatus.REGRESSED).map(ComparisonText::describe)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    public static String signedPercent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    public static String percent(double fraction) {
        double value = fraction * 100;
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f%%", value)
                : String.format(Locale.ROOT, "%s%%", value);
    }
}
