package io.perfweave.agent.sink.prometheus;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One metric family, ready to be written in either exposition format: its name as OpenMetrics
 * defines it (a counter's name without {@code _total}, an info metric's without {@code _info}),
 * its type, unit, help text and samples. Immutable, so the HTTP thread can write it while the
 * reporter builds the next one.
 *
 * @param unit {@code null}, or the unit the name ends with ({@code seconds})
 */
record MetricFamily(String name, Type type, String unit, String help, List<Sample> samples) {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    enum Type {
        COUNTER("counter", "counter"),
        GAUGE("gauge", "gauge"),
        SUMMARY("summary", "summary"),
        HISTOGRAM("histogram", "histogram"),
        /** A constant 1 whose labels carry facts; the text format has no such type and calls it a gauge. */
        INFO("gauge", "info");

        final String textName;
        final String openMetricsName;

        Type(String textName, String openMetricsName) {
            this.textName = textName;
            this.openMetricsName = openMetricsName;
        }
    }

    /**
     * One line of the exposition.
     *
     * @param suffix appended to the family name: {@code _total}, {@code _bucket}, {@code _sum}, ... or empty
     * @param value  already formatted: an integer, a decimal, {@code NaN} or {@code +Inf}
     */
    record Sample(String suffix, List<Label> labels, String value) {
        Sample {
            labels = List.copyOf(labels);
        }
    }

    record Label(String name, String value) {
    }

    MetricFamily {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (unit != null && !name.endsWith("_" + unit)) {
            throw new IllegalArgumentException("OpenMetrics wants the unit at the end of the name: " + name + ", " + unit);
        }
        samples = List.copyOf(samples);
    }

    /** The name of the family in the Prometheus text format, where a counter's name includes {@code _total}. */
    String textName() {
        return switch (type) {
            case COUNTER -> name + "_total";
            case INFO -> name + "_info";
            default -> name;
        };
    }
}
