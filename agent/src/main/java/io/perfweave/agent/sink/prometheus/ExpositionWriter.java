package io.perfweave.agent.sink.prometheus;

import io.perfweave.agent.sink.prometheus.MetricFamily.Label;
import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import java.util.List;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0.
 *
 * <p>Why our own writer and not the Prometheus Java client: the figures already exist, computed
 * once per interval from the reporter's snapshot (quantiles from HdrHistogram, not from the
 * client's own estimator), so all we need is the format, and the format is a few lines of escaping
 * rules. The client library would add its metric model, registry and HTTP server (and, in 1.x, a
 * relocated protobuf) to a jar every profiled JVM loads, for a job of this size. Tests check the
 * output with {@code promtool check metrics} and by letting a real Prometheus scrape it.
 */
final class ExpositionWriter {

    private ExpositionWriter() {
    }

    static String write(List<MetricFamily> families, ExpositionFormat format) {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily family : families) {
            if (format == ExpositionFormat.OPENMETRICS) {
                out.append("# TYPE ").append(family.name()).append(' ').append(family.type().openMetricsName).append('\n');
                if (family.unit() != null) {
                    out.append("# UNIT ").append(family.name()).append(' ').append(family.unit()).append('\n');
                }
                out.append("# HELP ").append(family.name()).append(' ');
                escape(family.help(), true, out);
            } else {
                out.append("# HELP ").append(family.textName()).append(' ');
                escape(family.help(), false, out);
                out.append('\n');
                out.append("# TYPE ").append(family.textName()).append(' ').append(family.type().textName);
            }
            out.append('\n');
            for (Sample sample : family.samples()) {
                out.append(family.name()).append(sample.suffix());
                writeLabels(sample.labels(), out);
                out.append(' ').append(sample.value()).append('\n');
            }
        }
        if (format == ExpositionFormat.OPENMETRICS) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static void writeLabels(List<Label> labels, StringBuilder out) {
        if (labels.isEmpty()) {
            return;
        }
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels.get(i).name()).append("=\"");
            escape(labels.get(i).value(), true, out);
            out.append('"');
        }
        out.append('}');
    }

    /**
     * Escapes backslash and line feed, and the double quote where it would end the text: in label
     * values of both formats and in OpenMetrics help texts, but not in help texts of the text format,
     * which keeps {@code "} as it is.
     */
    static void escape(String text, boolean quotes, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quotes ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }
}
