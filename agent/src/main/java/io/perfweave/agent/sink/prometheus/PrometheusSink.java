package io.perfweave.agent.sink.prometheus;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.PrometheusConfig;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.sink.prometheus.MetricFamily.Label;
import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import io.perfweave.agent.sink.prometheus.MetricFamily.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns each snapshot into the metric families the Prometheus endpoint serves until the next one.
 * Every number comes from the snapshot (counters and histograms from its cumulative figures, the
 * summary's quantiles from its interval histograms over {@code prometheus.summary.window}), so the
 * endpoint never disagrees with the other outputs. Names, labels and meanings are a user contract,
 * documented in {@code docs/exporters.md}.
 *
 * <p>Runs on the reporter thread; it publishes an immutable list that the HTTP thread writes out.
 */
public final class PrometheusSink implements ReportSink {

    static final String[] QUANTILE_LABELS = {"0.5", "0.9", "0.99", "0.999"};
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final List<Long> bucketBoundsNanos;
    private final String[] bucketLabels;
    private final long summaryWindowNanos;
    private final Consumer<List<MetricFamily>> publisher;
    /** Stops the endpoint that serves what this sink publishes; nothing for tests without one. */
    private final Runnable stopEndpoint;
    private final MetricFamily info;
    private final Map<Integer, SlidingWindowHistogram> windows = new HashMap<>();
    /** Reused for every probe's window sum; reporter thread only. */
    private Histogram windowScratch;

    public PrometheusSink(PrometheusConfig config, String agentVersion, PrometheusEndpoint endpoint) {
        this(config, agentVersion, endpoint::publish, endpoint::close);
    }

    PrometheusSink(PrometheusConfig config, String agentVersion, Consumer<List<MetricFamily>> publisher) {
        this(config, agentVersion, publisher, () -> { });
    }

    private PrometheusSink(PrometheusConfig config, String agentVersion, Consumer<List<MetricFamily>> publisher,
                           Runnable stopEndpoint) {
        this.stopEndpoint = stopEndpoint;
        this.bucketBoundsNanos = config.bucketBoundsNanos();
        this.bucketLabels = bucketBoundsNanos.stream().map(PrometheusSink::seconds).toArray(String[]::new);
        this.summaryWindowNanos = config.summaryWindowNanos();
        this.publisher = publisher;
        this.info = new MetricFamily("perfweave_agent", Type.INFO, null, "The Perfweave agent serving these metrics.",
                List.of(new Sample("_info", List.of(new Label("version", agentVersion)), "1")));
        publisher.accept(List.of(info));
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        publisher.accept(families(snapshot));
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        publisher.accept(families(snapshot));
    }

    /** The endpoint's threads and socket go with the agent: a detached JVM serves no metrics. */
    @Override
    public void close() {
        stopEndpoint.run();
    }

    List<MetricFamily> families(ReportSnapshot snapshot) {
        List<Sample> calls = new ArrayList<>();
        List<Sample> errors = new ArrayList<>();
        List<Sample> dropped = new ArrayList<>();
        List<Sample> woven = new ArrayList<>();
        List<Sample> summary = new ArrayList<>();
        List<Sample> histogram = new ArrayList<>();
        List<Sample> allocation = new ArrayList<>();
        List<Sample> violated = new ArrayList<>();
        List<Sample> periods = new ArrayList<>();
        List<Sample> timedRatios = new ArrayList<>();
        Map<BudgetMetric.Kind, List<Sample>> limits = new EnumMap<>(BudgetMetric.Kind.class);
        long sinceStart = Duration.between(snapshot.runStart(), snapshot.intervalEnd()).toNanos();
        for (ProbeSnapshot probe : snapshot.probes()) {
            List<Label> labels = probeLabels(probe);
            CallStats total = probe.total();
            calls.add(new Sample("_total", labels, Long.toString(total.calls())));
            errors.add(new Sample("_total", labels, Long.toString(total.errors())));
            dropped.add(new Sample("_total", labels, Long.toString(total.dropped())));
            woven.add(new Sample("", labels, Integer.toString(probe.methods().size())));
            periods.add(new Sample("", labels, Integer.toString(probe.periodInForce())));
            timedRatios.add(new Sample("", labels, decimal(probe.interval().timedRate())));

            SlidingWindowHistogram window = windows.computeIfAbsent(probe.id(), id -> new SlidingWindowHistogram(summaryWindowNanos));
            window.add(probe.intervalHistogram(), sinceStart);
            String sum = secondsOf(sumNanos(probe.totalHistogram()));
            addSummary(probe, window, labels, sum, summary);
            addHistogram(probe.totalHistogram(), labels, sum, histogram);
            addAllocation(total.allocation(), labels, allocation);
            for (BudgetStatus.Limit limit : probe.budget().limits()) {
                List<Label> budgetLabels = List.of(new Label("probe", probe.name()), new Label("metric", limit.metric().key()));
                violated.add(new Sample("", budgetLabels, limit.violated() ? "1" : "0"));
                limits.computeIfAbsent(limit.metric().kind(), kind -> new ArrayList<>())
                        .add(new Sample("", budgetLabels, baseUnits(limit.metric().kind(), limit.limit())));
            }
        }
        ReporterHealth health = snapshot.health();
        List<MetricFamily> families = new ArrayList<>();
        families.add(new MetricFamily("perfweave_probe_calls", Type.COUNTER, null,
                "Calls of the probed methods, failed ones and ones not timed included.", calls));
        families.add(new MetricFamily("perfweave_probe_errors", Type.COUNTER, null,
                "Calls of the probed methods that ended by throwing.", errors));
        families.add(new MetricFamily("perfweave_probe_dropped_calls", Type.COUNTER, null,
                "Calls counted but not timed, because the calling thread's ring was full.", dropped));
        families.add(new MetricFamily("perfweave_probe_woven_methods", Type.GAUGE, null,
                "Methods the probe has been woven into; 0 means its pattern matched nothing so far.", woven));
        families.add(new MetricFamily("perfweave_probe_sample_period", Type.GAUGE, null,
                "N of the one-in-N timing in force in the last interval: the probe's own sample = 1/N, or the lower"
                        + " rate adaptive sampling set under memory pressure; 1 times every call.", periods));
        families.add(new MetricFamily("perfweave_probe_timed_ratio", Type.GAUGE, "ratio",
                "Timed calls as a fraction of all calls in the last interval (sampling and dropped records leave"
                        + " the others untimed; every call is counted); 1 when there were no calls.", timedRatios));
        families.add(new MetricFamily("perfweave_probe_latency_quantiles_seconds", Type.SUMMARY, "seconds",
                "Latency of the timed calls: quantiles over the last prometheus.summary.window, sum and count"
                        + " since start.", summary));
        families.add(new MetricFamily("perfweave_probe_latency_seconds", Type.HISTOGRAM, "seconds",
                "Latency of the timed calls since start, in the buckets of prometheus.buckets.", histogram));
        if (!allocation.isEmpty()) {
            families.add(new MetricFamily("perfweave_probe_allocated_bytes", Type.SUMMARY, "bytes",
                    "Bytes allocated per call by the calling thread, callees included, since start; only probes"
                            + " with allocations = true. _sum is exact, quantiles within the histogram's precision.",
                    allocation));
        }
        addBudgetFamilies(violated, limits, families);
        families.add(new MetricFamily("perfweave_agent_dropped_records", Type.COUNTER, null,
                "Records dropped since start because a thread's ring was full (calls counted, not timed).",
                List.of(new Sample("_total", List.of(), Long.toString(snapshot.droppedTotal())))));
        families.add(new MetricFamily("perfweave_agent_ring_fill_ratio", Type.GAUGE, null,
                "The fullest ring the reporter drained in the last interval, as a fraction of ring.capacity;"
                        + " 1 means records were dropped.",
                List.of(new Sample("", List.of(), decimal(health.highestRingFill())))));
        families.add(new MetricFamily("perfweave_agent_rings", Type.GAUGE, null,
                "Threads' rings the reporter drains.",
                List.of(new Sample("", List.of(), Integer.toString(health.rings())))));
        families.add(new MetricFamily("perfweave_agent_report_duration_seconds", Type.GAUGE, "seconds",
                "How long the reporter took to build the previous interval's snapshot and deliver it to every output.",
                List.of(new Sample("", List.of(), seconds(health.previousReportNanos())))));
        families.add(new MetricFamily("perfweave_agent_interval_overruns", Type.COUNTER, null,
                "Reports that took longer than reporter.interval, so that the next interval started late.",
                List.of(new Sample("_total", List.of(), Long.toString(health.intervalOverruns())))));
        families.add(new MetricFamily("perfweave_agent_failures", Type.COUNTER, null,
                "Failures of the agent's own work (an output that threw, a figure that could not be computed); each kind is logged once.",
                List.of(new Sample("_total", List.of(), Long.toString(health.failures())))));
        JvmMetrics.add(snapshot.jvm(), snapshot.agentCost(), families);
        families.add(info);
        return List.copyOf(families);
    }

    private static void addBudgetFamilies(List<Sample> violated, Map<BudgetMetric.Kind, List<Sample>> limits,
                                          List<MetricFamily> families) {
        if (violated.isEmpty()) {
            return;
        }
        families.add(new MetricFamily("perfweave_budget_violation", Type.GAUGE, null,
                "1 while the probe's budget for the metric is exceeded (raised and not yet cleared), else 0.", violated));
        if (limits.containsKey(BudgetMetric.Kind.LATENCY)) {
            families.add(new MetricFamily("perfweave_budget_limit_seconds", Type.GAUGE, "seconds",
                    "The probe's latency budget for the metric (p50, p90, p99, p999, max, mean).",
                    limits.get(BudgetMetric.Kind.LATENCY)));
        }
        if (limits.containsKey(BudgetMetric.Kind.ALLOCATION)) {
            families.add(new MetricFamily("perfweave_budget_limit_bytes", Type.GAUGE, "bytes",
                    "The probe's budget of bytes allocated per call for the metric (alloc.p50 ... alloc.mean).",
                    limits.get(BudgetMetric.Kind.ALLOCATION)));
        }
        if (limits.containsKey(BudgetMetric.Kind.ERROR_RATE)) {
            families.add(new MetricFamily("perfweave_budget_limit_ratio", Type.GAUGE, "ratio",
                    "The probe's budget of failed calls as a fraction of all calls.",
                    limits.get(BudgetMetric.Kind.ERROR_RATE)));
        }
    }

    /** A limit in the base unit of its metric family: seconds, bytes or a fraction. */
    private static String baseUnits(BudgetMetric.Kind kind, double limit) {
        return switch (kind) {
            case LATENCY -> seconds(Math.round(limit));
            case ALLOCATION -> Long.toString(Math.round(limit));
            case ERROR_RATE -> decimal(limit);
        };
    }

    private static void addAllocation(AllocationSummary allocation, List<Label> labels, List<Sample> out) {
        if (allocation == null) {
            return;
        }
        boolean empty = allocation.samples() == 0;
        long[] values = {allocation.p50(), allocation.p90(), allocation.p99()};
        String[] quantiles = {"0.5", "0.9", "0.99"};
        for (int i = 0; i < values.length; i++) {
            out.add(new Sample("", with(labels, "quantile", quantiles[i]), empty ? "NaN" : Long.toString(values[i])));
        }
        out.add(new Sample("_sum", labels, Long.toString(allocation.totalBytes())));
        out.add(new Sample("_count", labels, Long.toString(allocation.samples())));
    }

    /**
     * The labels {@code probe}, {@code class} and {@code method}. They must not change while the run
     * lasts (Prometheus would see a new series), so they never come from the methods woven so far,
     * which grow as classes load: a {@code @Profiled} probe is labelled with the method whose
     * annotation created it, fixed when the probe was issued; a configured probe with the class and
     * method parts of its pattern, as written, less any {@code .annotated} requirement ({@code @com.acme.Timed
     * com.acme.*#save*}); one configured by annotation alone has neither part, and empty labels.
     */
    private static List<Label> probeLabels(ProbeSnapshot probe) {
        String type;
        String method;
        if (probe.declaringMethod() != null) {
            String signature = probe.declaringMethod();
            int hash = signature.indexOf('#');
            int open = signature.indexOf('(', hash);
            type = signature.substring(0, hash);
            method = signature.substring(hash + 1, open < 0 ? signature.length() : open);
        } else {
            String pattern = probe.pattern();
            if (pattern.startsWith("@")) {
                int space = pattern.indexOf(' ');
                pattern = space < 0 ? "" : pattern.substring(space + 1);
            }
            int hash = pattern.indexOf('#');
            type = hash < 0 ? pattern : pattern.substring(0, hash).strip();
            method = hash < 0 ? "" : pattern.substring(hash + 1).strip();
        }
        return List.of(new Label("probe", probe.name()), new Label("class", type), new Label("method", method));
    }

    private void addSummary(ProbeSnapshot probe, SlidingWindowHistogram window, List<Label> labels, String sum,
                            List<Sample> out) {
        AbstractHistogram lent = probe.totalHistogram();
        if (windowScratch == null || windowScratch.getNumberOfSignificantValueDigits() != lent.getNumberOfSignificantValueDigits()) {
            windowScratch = new Histogram(lent.getNumberOfSignificantValueDigits());
        }
        window.copyInto(windowScratch);
        boolean empty = windowScratch.getTotalCount() == 0;
        for (int i = 0; i < PERCENTILES.length; i++) {
            out.add(new Sample("", with(labels, "quantile", QUANTILE_LABELS[i]),
                    empty ? "NaN" : seconds(windowScratch.getValueAtPercentile(PERCENTILES[i]))));
        }
        out.add(new Sample("_sum", labels, sum));
        out.add(new Sample("_count", labels, Long.toString(lent.getTotalCount())));
    }

    /**
     * The cumulative bucket counts. A value is counted in the bucket of bound {@code b} when the
     * lowest value HdrHistogram stores it as is at most {@code b}: exact for values that are not
     * within the histogram's precision (1% by default) of a bound.
     */
    private void addHistogram(AbstractHistogram lent, List<Label> labels, String sum, List<Sample> out) {
        int bounds = bucketBoundsNanos.size();
        long[] cumulative = new long[bounds];
        int next = 0;
        long running = 0;
        for (HistogramIterationValue value : lent.recordedValues()) {
            long lowest = lent.lowestEquivalentValue(value.getValueIteratedTo());
            while (next < bounds && lowest > bucketBoundsNanos.get(next)) {
                cumulative[next++] = running;
            }
            running += value.getCountAtValueIteratedTo();
        }
        while (next < bounds) {
            cumulative[next++] = running;
        }
        for (int i = 0; i < bounds; i++) {
            out.add(new Sample("_bucket", with(labels, "le", bucketLabels[i]), Long.toString(cumulative[i])));
        }
        out.add(new Sample("_bucket", with(labels, "le", "+Inf"), Long.toString(running)));
        out.add(new Sample("_sum", labels, sum));
        out.add(new Sample("_count", labels, Long.toString(running)));
    }

    /**
     * The sum of the recorded values, each taken as the middle of the range HdrHistogram stores it in:
     * within the histogram's precision of the true sum. A double, which cannot overflow, and whose
     * sum of growing terms never decreases, as a counter-like sum must not.
     */
    private static double sumNanos(AbstractHistogram histogram) {
        double sum = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            sum += (double) histogram.medianEquivalentValue(value.getValueIteratedTo()) * value.getCountAtValueIteratedTo();
        }
        return sum;
    }

    private static List<Label> with(List<Label> labels, String name, String value) {
        List<Label> all = new ArrayList<>(labels.size() + 1);
        all.addAll(labels);
        all.add(new Label(name, value));
        return all;
    }

    /** Nanoseconds as exact decimal seconds: 1500 is {@code 0.0000015}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static String secondsOf(double nanos) {
        return decimal(nanos / 1e9);
    }

    private static String decimal(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String name() {
        return "prometheus";
    }
}
