package io.perfweave.agent.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfweave.agent.sink.prometheus.MetricFamily.Label;
import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import io.perfweave.agent.sink.prometheus.MetricFamily.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionWriterTest {

    private static final List<MetricFamily> FAMILIES = List.of(
            new MetricFamily("app_calls", Type.COUNTER, null, "Calls \\ with \"quotes\"\nand a second line.",
                    List.of(new Sample("_total", List.of(new Label("probe", "a\\b\"c\nd")), "12"))),
            new MetricFamily("app_latency_seconds", Type.HISTOGRAM, "seconds", "Latency.", List.of(
                    new Sample("_bucket", List.of(new Label("le", "0.001")), "3"),
                    new Sample("_bucket", List.of(new Label("le", "+Inf")), "4"),
                    new Sample("_sum", List.of(), "0.5"),
                    new Sample("_count", List.of(), "4"))),
            new MetricFamily("app", Type.INFO, null, "Facts.",
                    List.of(new Sample("_info", List.of(new Label("version", "1.0")), "1"))));

    @Test
    void textFormatHasHelpAndTypeBeforeTheSamplesAndEscapesLabelValues() {
        String text = ExpositionWriter.write(FAMILIES, ExpositionFormat.TEXT);

        assertThat(text).isEqualTo("""
                # HELP app_calls_total Calls \\\\ with "quotes"\\nand a second line.
                # TYPE app_calls_total counter
                app_calls_total{probe="a\\\\b\\"c\\nd"} 12
                # HELP app_latency_seconds Latency.
                # TYPE app_latency_seconds histogram
                app_latency_seconds_bucket{le="0.001"} 3
                app_latency_seconds_bucket{le="+Inf"} 4
                app_latency_seconds_sum 0.5
                app_latency_seconds_count 4
                # HELP app_info Facts.
                # TYPE app_info gauge
                app_info{version="1.0"} 1
                """);
    }

    @Test
    void openMetricsNamesFamiliesWithoutSuffixesDeclaresUnitsAndEndsWithEof() {
        String text = ExpositionWriter.write(FAMILIES, ExpositionFormat.OPENMETRICS);

        assertThat(text).isEqualTo("""
                # TYPE app_calls counter
                # HELP app_calls Calls \\\\ with \\"quotes\\"\\nand a second line.
                app_calls_total{probe="a\\\\b\\"c\\nd"} 12
                # TYPE app_latency_seconds histogram
                # UNIT app_latency_seconds seconds
                # HELP app_latency_seconds Latency.
                app_latency_seconds_bucket{le="0.001"} 3
                app_latency_seconds_bucket{le="+Inf"} 4
                app_latency_seconds_sum 0.5
                app_latency_seconds_count 4
                # TYPE app info
                # HELP app Facts.
                app_info{version="1.0"} 1
                # EOF
                """);
    }

    @Test
    void unicodeInLabelValuesIsKeptAsIs() {
        String text = ExpositionWriter.write(List.of(new MetricFamily("m", Type.GAUGE, null, "h",
                List.of(new Sample("", List.of(new Label("class", "com.acme.Größe$Inner")), "1")))), ExpositionFormat.TEXT);

        assertThat(text).contains("m{class=\"com.acme.Größe$Inner\"} 1\n");
    }

    @Test
    void familiesRejectNamesThatAreNotMetricNamesAndUnitsNotAtTheEnd() {
        assertThatThrownBy(() -> new MetricFamily("bad-name", Type.GAUGE, null, "h", List.of()))
                .hasMessageContaining("bad-name");
        assertThatThrownBy(() -> new MetricFamily("latency_seconds_total", Type.GAUGE, "seconds", "h", List.of()))
                .hasMessageContaining("unit");
    }

    @Test
    void openMetricsIsChosenOnlyWhenTheScraperAsksForIt() {
        assertThat(ExpositionFormat.negotiate(null)).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.negotiate("*/*")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.negotiate("text/plain;version=0.0.4")).isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
                .as("what Prometheus 2.x sends").isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.negotiate("Application/OpenMetrics-Text")).isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.negotiate("application/openmetrics-text;q=0, text/plain")).isEqualTo(ExpositionFormat.TEXT);
    }
}
