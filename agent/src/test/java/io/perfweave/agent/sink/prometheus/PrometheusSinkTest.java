package io.perfweave.agent.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.PrometheusConfig;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PrometheusSinkTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    /** Boundaries of 1 µs, 10 µs and 1 ms. */
    private static final PrometheusConfig CONFIG = new PrometheusConfig(OptionalInt.of(0), "127.0.0.1",
            List.of(1_000L, 10_000L, 1_000_000L), TimeUnit.SECONDS.toNanos(10));

    private final List<List<MetricFamily>> published = new ArrayList<>();
    private final PrometheusSink sink = new PrometheusSink(CONFIG, "1.2.3", published::add);

    private static Histogram histogram(long... values) {
        Histogram histogram = new Histogram(2);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    /** A snapshot of one probe ending {@code seconds} after the start, with these interval and total histograms. */
    private static ReportSnapshot snapshot(long seconds, Histogram interval, Histogram total, long calls, long errors,
                                           long dropped) {
        ProbeSnapshot probe = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process(String, int)",
                List.of("com.acme.Checkout#process(java.lang.String,int)"), 1,
                new CallStats(calls, errors, dropped, LatencySummary.of(interval), LatencySummary.EMPTY, null, 0, 0),
                new CallStats(calls, errors, dropped, LatencySummary.of(total), LatencySummary.EMPTY, null, 0, 0), interval, total, List.of());
        return new ReportSnapshot(START, START.plusSeconds(seconds - 1), START.plusSeconds(seconds), false,
                List.of(probe), dropped, List.of(), new ReporterHealth(1_500_000, 0.25, 3, 2, 5));
    }

    private static MetricFamily family(List<MetricFamily> families, String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + name + " in " + families));
    }

    private static String value(MetricFamily family, String suffix, String extraLabel) {
        List<String> values = family.samples().stream()
                .filter(s -> s.suffix().equals(suffix))
                .filter(s -> extraLabel == null || s.labels().stream().anyMatch(l -> (l.name() + "=" + l.value()).equals(extraLabel)))
                .map(Sample::value).collect(Collectors.toList());
        assertThat(values).as(family.name() + suffix + " " + extraLabel).hasSize(1);
        return values.get(0);
    }

    @Test
    void servesTheAgentInfoBeforeTheFirstInterval() {
        assertThat(published).singleElement().satisfies(families -> assertThat(families)
                .extracting(MetricFamily::name).containsExactly("perfweave_agent"));
        assertThat(ExpositionWriter.write(published.get(0), ExpositionFormat.TEXT))
                .contains("perfweave_agent_info{version=\"1.2.3\"} 1\n");
    }

    @Test
    void allocationIsASummaryInBytesOnlyForProbesThatMeasureIt() {
        Histogram values = histogram(500, 2_000);
        assertThat(sink.families(snapshot(1, values, values, 2, 0, 0))).extracting(MetricFamily::name)
                .doesNotContain("perfweave_probe_allocated_bytes");

        AllocationSummary allocation = new AllocationSummary(4, 8016, 8016, 8016, 8031, 8016, 8016.0, 4 * 8016);
        CallStats total = new CallStats(5, 0, 0, LatencySummary.of(values), LatencySummary.EMPTY, allocation, 0, 0);
        ProbeSnapshot probe = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(), 1, total, total,
                values, values, List.of());
        MetricFamily family = family(sink.families(new ReportSnapshot(START, START, START.plusSeconds(1), false,
                List.of(probe), 0, List.of(), ReporterHealth.NONE)), "perfweave_probe_allocated_bytes");

        assertThat(family.type()).isEqualTo(MetricFamily.Type.SUMMARY);
        assertThat(value(family, "", "quantile=0.5")).isEqualTo("8016");
        assertThat(value(family, "", "quantile=0.99")).isEqualTo("8031");
        assertThat(value(family, "_sum", null)).isEqualTo("32064");
        assertThat(value(family, "_count", null)).isEqualTo("4");
    }

    @Test
    void countersComeFromTheSnapshotsTotalsWithProbeClassAndMethodLabels() {
        Histogram values = histogram(500, 2_000);
        List<MetricFamily> families = sink.families(snapshot(1, values, values, 5, 2, 3));

        String text = ExpositionWriter.write(families, ExpositionFormat.TEXT);
        String labels = "{probe=\"checkout\",class=\"com.acme.Checkout\",method=\"process(String, int)\"}";
        assertThat(text).contains(
                "perfweave_probe_calls_total" + labels + " 5\n",
                "perfweave_probe_errors_total" + labels + " 2\n",
                "perfweave_probe_dropped_calls_total" + labels + " 3\n",
                "perfweave_probe_woven_methods" + labels + " 1\n",
                "perfweave_agent_dropped_records_total 3\n");
    }

    /** A probe with these woven methods, created by {@code declaringMethod}'s annotation unless that is null. */
    private static ProbeSnapshot probe(String name, String pattern, List<String> methods, String declaringMethod) {
        Histogram values = histogram(500, 2_000);
        CallStats total = new CallStats(2, 0, 0, LatencySummary.of(values), LatencySummary.EMPTY, null, 0, 0);
        return new ProbeSnapshot(0, name, pattern, methods, methods.size(), total, total, values, values, List.of(),
                null, null, 1, BudgetStatus.NONE, false, ProbePriority.NORMAL, 1, declaringMethod);
    }

    private String callsLine(ProbeSnapshot probe) {
        String text = ExpositionWriter.write(sink.families(new ReportSnapshot(START, START, START.plusSeconds(1), false,
                List.of(probe), 0, List.of(), ReporterHealth.NONE)), ExpositionFormat.TEXT);
        return text.lines().filter(line -> line.startsWith("perfweave_probe_calls_total{")).findFirst()
                .orElseThrow(() -> new AssertionError("no calls in " + text));
    }

    @Test
    void aProfiledProbeIsLabelledWithTheMethodWhoseAnnotationCreatedItForTheWholeRun() {
        String profiled = "@io.perfweave.api.Profiled";
        String checkout = "com.acme.shop.Shop#checkout(com.acme.shop.Cart,int)";
        String labels = "{probe=\"checkout\",class=\"com.acme.shop.Shop\",method=\"checkout\"}";

        assertThat(callsLine(probe("checkout", profiled, List.of(checkout), checkout)))
                .isEqualTo("perfweave_probe_calls_total" + labels + " 2");
        // Another method annotated with the same name joins the probe later, and sorts first: the series keeps its labels.
        assertThat(callsLine(probe("checkout", profiled, List.of("com.acme.basket.Basket#checkout()", checkout), checkout)))
                .isEqualTo("perfweave_probe_calls_total" + labels + " 2");
        assertThat(callsLine(probe("Order.<init>", profiled, List.of("com.acme.Order#<init>(int)"), "com.acme.Order#<init>(int)")))
                .as("a constructor").contains("class=\"com.acme.Order\",method=\"<init>\"}");
    }

    @Test
    void aConfiguredProbeIsLabelledWithItsPatternEvenWhenItHasMatchedOneMethod() {
        assertThat(callsLine(probe("repos", "com.acme.*Repository#save*", List.of("com.acme.OrderRepository#save(com.acme.Order)"), null)))
                .contains("{probe=\"repos\",class=\"com.acme.*Repository\",method=\"save*\"}");
        assertThat(callsLine(probe("timedSaves", "@com.acme.Timed com.acme.*Repository#save*", List.of(), null)))
                .as("probe.<name>.annotated as well as .method: the pattern's parts")
                .contains("{probe=\"timedSaves\",class=\"com.acme.*Repository\",method=\"save*\"}");
        assertThat(callsLine(probe("timed", "@com.acme.Timed", List.of("com.acme.Shop#pay()"), null)))
                .as("probe.<name>.annotated alone: no class or method part")
                .contains("{probe=\"timed\",class=\"\",method=\"\"}");
    }

    @Test
    void theSamplePeriodInForceAndTheShareOfTheIntervalsCallsTimedAreGauges() {
        Histogram values = histogram(500, 2_000);
        // 8 calls in the interval, 2 of them timed: the probe was sampled down to 1/4 at orange pressure.
        CallStats interval = new CallStats(8, 0, 0, LatencySummary.of(values), LatencySummary.EMPTY, null, 0, 0, 6);
        ProbeSnapshot lowered = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(), 1, interval,
                interval, values, values, List.of(), null, null, 1, BudgetStatus.NONE, true, ProbePriority.NORMAL, 4);
        List<MetricFamily> families = sink.families(new ReportSnapshot(START, START, START.plusSeconds(1), false,
                List.of(lowered), 0, List.of(), ReporterHealth.NONE));

        String text = ExpositionWriter.write(families, ExpositionFormat.TEXT);
        String labels = "{probe=\"checkout\",class=\"com.acme.Checkout\",method=\"process\"}";
        assertThat(text).contains("# TYPE perfweave_probe_sample_period gauge\n",
                "perfweave_probe_sample_period" + labels + " 4\n",
                "# TYPE perfweave_probe_timed_ratio gauge\n",
                "perfweave_probe_timed_ratio" + labels + " 0.25\n");
        assertThat(value(family(sink.families(snapshot(1, values, values, 2, 0, 0)), "perfweave_probe_timed_ratio"), "", null))
                .as("every call timed").isEqualTo("1");
    }

    @Test
    void histogramBucketsAreCumulativeInSecondsAndInfEqualsTheCount() {
        Histogram values = histogram(500, 900, 5_000, 20_000, 3_000_000);
        MetricFamily family = family(sink.families(snapshot(1, values, values, 5, 0, 0)), "perfweave_probe_latency_seconds");

        assertThat(family.type()).isEqualTo(MetricFamily.Type.HISTOGRAM);
        assertThat(family.unit()).isEqualTo("seconds");
        assertThat(value(family, "_bucket", "le=0.000001")).isEqualTo("2");
        assertThat(value(family, "_bucket", "le=0.00001")).isEqualTo("3");
        assertThat(value(family, "_bucket", "le=0.001")).isEqualTo("4");
        assertThat(value(family, "_bucket", "le=+Inf")).isEqualTo("5");
        assertThat(value(family, "_count", null)).isEqualTo("5");
        double sum = Double.parseDouble(value(family, "_sum", null));
        assertThat(sum).as("sum in seconds, within the histogram's precision")
                .isCloseTo((500 + 900 + 5_000 + 20_000 + 3_000_000) / 1e9, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(family.samples().stream().filter(s -> s.suffix().equals("_bucket")).map(s -> s.labels().get(3).value()))
                .containsExactly("0.000001", "0.00001", "0.001", "+Inf");
    }

    @Test
    void aValueOnABoundaryIsInThatBucket() {
        Histogram values = histogram(1_000, 10_000);
        MetricFamily family = family(sink.families(snapshot(1, values, values, 2, 0, 0)), "perfweave_probe_latency_seconds");

        assertThat(value(family, "_bucket", "le=0.000001")).isEqualTo("1");
        assertThat(value(family, "_bucket", "le=0.00001")).isEqualTo("2");
    }

    @Test
    void summaryQuantilesAreTheHistogramsInSecondsOverTheWindowWithTotalSumAndCount() {
        Histogram first = histogram(1_000, 2_000, 3_000, 4_000);
        sink.families(snapshot(1, first, first, 4, 0, 0));
        Histogram second = histogram(100_000);
        Histogram total = first.copy();
        total.add(second);
        MetricFamily family = family(sink.families(snapshot(2, second, total, 5, 0, 0)),
                "perfweave_probe_latency_quantiles_seconds");

        assertThat(family.type()).isEqualTo(MetricFamily.Type.SUMMARY);
        assertThat(value(family, "", "quantile=0.5")).isEqualTo(PrometheusSink.seconds(total.getValueAtPercentile(50)));
        assertThat(value(family, "", "quantile=0.999")).isEqualTo(PrometheusSink.seconds(total.getValueAtPercentile(99.9)));
        assertThat(Double.parseDouble(value(family, "", "quantile=0.999"))).isCloseTo(100e-6,
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(value(family, "_count", null)).isEqualTo("5");

        // 20 s later both intervals have left the 10 s window; sum and count stay cumulative.
        Histogram empty = histogram();
        family = family(sink.families(snapshot(22, empty, total, 5, 0, 0)), "perfweave_probe_latency_quantiles_seconds");
        assertThat(value(family, "", "quantile=0.5")).isEqualTo("NaN");
        assertThat(value(family, "_count", null)).isEqualTo("5");
        assertThat(Double.parseDouble(value(family, "_sum", null))).isPositive();
    }

    @Test
    void healthFiguresAreInBaseUnits() {
        Histogram empty = histogram();
        String text = ExpositionWriter.write(sink.families(snapshot(1, empty, empty, 0, 0, 0)), ExpositionFormat.TEXT);

        assertThat(text).contains("perfweave_agent_report_duration_seconds 0.0015\n",
                "perfweave_agent_ring_fill_ratio 0.25\n", "perfweave_agent_rings 3\n",
                "# TYPE perfweave_agent_interval_overruns_total counter\n", "perfweave_agent_interval_overruns_total 2\n",
                "# TYPE perfweave_agent_failures_total counter\n", "perfweave_agent_failures_total 5\n");
    }

    @Test
    void everyFamilyIsPublishedAtEveryIntervalAndAtTheEnd() {
        Histogram empty = histogram();
        sink.onInterval(snapshot(1, empty, empty, 0, 0, 0));
        sink.onFinal(snapshot(2, empty, empty, 0, 0, 0));

        assertThat(published).hasSize(3);
        assertThat(published.get(2)).extracting(MetricFamily::name).containsExactly(
                "perfweave_probe_calls", "perfweave_probe_errors", "perfweave_probe_dropped_calls",
                "perfweave_probe_woven_methods", "perfweave_probe_sample_period", "perfweave_probe_timed_ratio",
                "perfweave_probe_latency_quantiles_seconds",
                "perfweave_probe_latency_seconds", "perfweave_agent_dropped_records", "perfweave_agent_ring_fill_ratio",
                "perfweave_agent_rings", "perfweave_agent_report_duration_seconds", "perfweave_agent_interval_overruns",
                "perfweave_agent_failures", "perfweave_agent");
    }

    @Test
    void secondsAreExactDecimals() {
        assertThat(PrometheusSink.seconds(0)).isEqualTo("0");
        assertThat(PrometheusSink.seconds(1)).isEqualTo("0.000000001");
        assertThat(PrometheusSink.seconds(1_500)).isEqualTo("0.0000015");
        assertThat(PrometheusSink.seconds(2_000_000_000)).isEqualTo("2");
    }

    @Test
    void theBudgetStateIsAGaugePerProbeAndMetricWithTheLimitsInBaseUnits() {
        Histogram values = histogram(500, 2_000);
        CallStats total = new CallStats(2, 0, 0, LatencySummary.of(values), LatencySummary.EMPTY, null, 0, 0);
        BudgetStatus budget = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25e6, true),
                new BudgetStatus.Limit(BudgetMetric.ALLOC_P99, 1536, false), new BudgetStatus.Limit(BudgetMetric.ERRORS, 0.01, false)),
                List.of(), List.of(), List.of(), List.of());
        ProbeSnapshot budgeted = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(), 1, total, total,
                values, values, List.of(), budget);
        ProbeSnapshot free = new ProbeSnapshot(1, "idle", "com.acme.Idle#run", List.of(), 1, total, total, values, values,
                List.of());

        List<MetricFamily> families = sink.families(new ReportSnapshot(START, START, START.plusSeconds(1), false,
                List.of(budgeted, free), 0, List.of(), ReporterHealth.NONE));
        String text = ExpositionWriter.write(families, ExpositionFormat.TEXT);

        assertThat(text).contains("# TYPE perfweave_budget_violation gauge\n",
                "perfweave_budget_violation{probe=\"checkout\",metric=\"p99\"} 1\n",
                "perfweave_budget_violation{probe=\"checkout\",metric=\"alloc.p99\"} 0\n",
                "perfweave_budget_violation{probe=\"checkout\",metric=\"errors\"} 0\n",
                "perfweave_budget_limit_seconds{probe=\"checkout\",metric=\"p99\"} 0.025\n",
                "perfweave_budget_limit_bytes{probe=\"checkout\",metric=\"alloc.p99\"} 1536\n",
                "perfweave_budget_limit_ratio{probe=\"checkout\",metric=\"errors\"} 0.01\n");
        assertThat(text).doesNotContain("perfweave_budget_violation{probe=\"idle\"");
        assertThat(ExpositionWriter.write(families, ExpositionFormat.OPENMETRICS))
                .contains("# UNIT perfweave_budget_limit_seconds seconds\n");

        List<MetricFamily> none = sink.families(snapshot(1, values, values, 2, 0, 0));
        assertThat(none).extracting(MetricFamily::name).noneMatch(name -> name.startsWith("perfweave_budget"));
    }

    @Test
    void theJvmsHealthAndTheAgentsCostAreGaugesCountersAndSummaries() {
        ReportSnapshot s = snapshot(10, histogram(1_000), histogram(1_000), 1, 0, 0);
        List<MetricFamily> families = sink.families(new ReportSnapshot(s.runStart(), s.intervalStart(), s.intervalEnd(),
                false, s.probes(), 0, List.of(), s.health(), io.perfweave.agent.jvm.JvmHealthSamples.health(),
                io.perfweave.agent.jvm.JvmHealthSamples.cost()));

        assertThat(value(family(families, "perfweave_jvm_heap_used_bytes"), "", null)).isEqualTo(Long.toString(100L << 20));
        assertThat(value(family(families, "perfweave_jvm_heap_max_bytes"), "", null)).isEqualTo(Long.toString(256L << 20));
        assertThat(value(family(families, "perfweave_jvm_old_gen_after_gc_ratio"), "", "pool=G1 Old Gen")).isEqualTo("0.75");
        assertThat(value(family(families, "perfweave_jvm_memory_pressure_level"), "", null)).isEqualTo("1");
        assertThat(value(family(families, "perfweave_jvm_leak_hint"), "", null)).isEqualTo("1");
        MetricFamily pauses = family(families, "perfweave_jvm_gc_pause_seconds");
        assertThat(pauses.type()).isEqualTo(MetricFamily.Type.SUMMARY);
        assertThat(value(pauses, "_count", "collector=G1 Young Generation")).isEqualTo("5");
        assertThat(value(pauses, "_sum", "collector=G1 Young Generation")).isEqualTo("0.05");
        assertThat(Double.parseDouble(value(pauses, "", "quantile=0.99"))).isCloseTo(0.030, within(0.0003));
        assertThat(value(family(families, "perfweave_jvm_gc_cycle_seconds"), "_count", "collector=Concurrent Cycles"))
                .isEqualTo("1");
        assertThat(value(family(families, "perfweave_jvm_allocated_bytes"), "_total", null))
                .isEqualTo(Long.toString(3_000L << 20));
        assertThat(value(family(families, "perfweave_jvm_threads"), "", null)).isEqualTo("21");
        assertThat(value(family(families, "perfweave_jvm_process_cpu_seconds"), "_total", null)).isEqualTo("40");
        assertThat(value(family(families, "perfweave_agent_reporter_cpu_seconds"), "_total", null)).isEqualTo("0.12");
        assertThat(value(family(families, "perfweave_agent_probe_cost_seconds"), "_total", null)).isEqualTo("0.05");
        assertThat(value(family(families, "perfweave_agent_probe_call_cost_seconds"), "", null)).isEqualTo("5.0E-8");
        assertThat(value(family(families, "perfweave_agent_overhead_ratio"), "", null)).isEqualTo("0.008");
        assertThat(value(family(families, "perfweave_agent_retained_bytes"), "", null)).isEqualTo("393216");
        assertThat(value(family(families, "perfweave_agent_overhead_budget_violated"), "", null)).isEqualTo("0");
        String text = ExpositionWriter.write(families, ExpositionFormat.TEXT);
        assertThat(text).contains("# TYPE perfweave_jvm_gc_pause_seconds summary\n")
                .contains("perfweave_jvm_allocated_bytes_total " + (3_000L << 20) + "\n");
    }

    @Test
    void withoutJvmFiguresThereAreNoJvmMetrics() {
        List<MetricFamily> families = sink.families(snapshot(10, histogram(1_000), histogram(1_000), 1, 0, 0));

        assertThat(families).extracting(MetricFamily::name).noneMatch(name -> name.startsWith("perfweave_jvm_"))
                .doesNotContain("perfweave_agent_overhead_ratio");
    }
}
