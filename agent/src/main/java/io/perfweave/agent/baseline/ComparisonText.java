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
        String runs = probe.baselineRuns() > 1 ? " in " + probe.baselineRuns() + " baseline runs" : "";
        return probe.metrics().stream().map(ComparisonText::metric).collect(Collectors.joining("; "))
                + " (" + probe.baselineSamples() + runs + " -> " + probe.currentSamples() + " timed calls; "
                + tolerances(probe.rule()) + ")" + (probe.note() == null ? "" : "; " + probe.note());
    }

    /** {@code tolerance p50 20%, p99 100%, at least 1.00us}. */
    public static String tolerances(RegressionRule rule) {
        return "tolerance p50 " + percent(rule.tolerance()) + ", p99 " + percent(rule.tailTolerance())
                + ", at least " + HumanUnits.nanos(rule.minChangeNanos());
    }

    /**
     * {@code p99 54.5us -> 70.0us (+28.4%, at least +20.1%)}, or why the metric was not judged. Against
     * several baseline runs the baseline is their range and the change is against the closest run:
     * {@code p50 16.0us..25.3us -> 35.1us (+38.7%, at least +35.0%)}. A metric that does not count
     * towards the status says so: {@code p50 ... [latency, not judged: self time is]}.
     */
    public static String metric(MetricComparison metric) {
        if (!metric.judged()) {
            return metric.metric() + " not judged: " + metric.reason();
        }
        String bound = switch (metric.status()) {
            case REGRESSED -> ", at least " + signedPercent(metric.changeLow());
            case IMPROVED -> ", at least " + signedPercent(metric.changeHigh());
            default -> "";
        };
        String baseline = metric.baselineLowest() == metric.baselineHighest()
                ? value(metric, metric.baselineValue())
                : value(metric, metric.baselineLowest()) + ".." + value(metric, metric.baselineHighest());
        String status = metric.decisive() ? "" : " " + metric.status().label() + " [shown only: self time decides]";
        return metric.metric() + " " + baseline + " -> " + value(metric, metric.currentValue()) + " ("
                + signedPercent(metric.change()) + bound + ")" + status;
    }

    /** A value in its unit: {@code 16.0us}, {@code 1.2KiB}. */
    public static String value(MetricComparison metric, long value) {
        return metric.measure() == Measure.ALLOCATION ? HumanUnits.bytes(value) : HumanUnits.nanos(value);
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
