package io.perfweave.agent.sink.prometheus;

import io.perfweave.agent.jvm.CollectorActivity;
import io.perfweave.agent.jvm.GcKind;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.Occupancy;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.sink.prometheus.MetricFamily.Label;
import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import io.perfweave.agent.sink.prometheus.MetricFamily.Type;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The metric families of a snapshot's JVM health ({@code perfweave_jvm_*}) and of the agent's own
 * cost ({@code perfweave_agent_*}). A figure the JVM does not provide is left out, not written as -1.
 * Names and meanings are documented in {@code docs/exporters.md}.
 */
final class JvmMetrics {

    private static final double[] GC_PERCENTILES = {50, 90, 99};
    private static final String[] GC_QUANTILES = {"0.5", "0.9", "0.99"};

    private JvmMetrics() {
    }

    static void add(JvmHealth jvm, AgentCost cost, List<MetricFamily> families) {
        if (jvm.measured()) {
            addJvm(jvm, families);
        }
        if (cost.measured()) {
            addCost(cost, families);
        }
    }

    private static void addJvm(JvmHealth jvm, List<MetricFamily> families) {
        gauge(families, "perfweave_jvm_heap_used_bytes", "bytes", "Heap in use at the end of the last interval.",
                jvm.heapUsedBytes());
        gauge(families, "perfweave_jvm_heap_committed_bytes", "bytes", "Heap the JVM holds from the operating system.",
                jvm.heapCommittedBytes());
        if (jvm.heapMaxBytes() > 0) {
            gauge(families, "perfweave_jvm_heap_max_bytes", "bytes", "The most the heap may grow to.", jvm.heapMaxBytes());
        }
        Occupancy old = jvm.oldGenAfterGc();
        if (old != null) {
            List<Label> pool = List.of(new Label("pool", old.pool()));
            families.add(new MetricFamily("perfweave_jvm_old_gen_after_gc_bytes", Type.GAUGE, "bytes",
                    "The old generation's usage after the latest collection that says what survived.",
                    List.of(new Sample("", pool, Long.toString(old.usedBytes())))));
            families.add(new MetricFamily("perfweave_jvm_old_gen_after_gc_ratio", Type.GAUGE, null,
                    "The old generation's occupancy after the latest such collection, as a fraction of its maximum.",
                    List.of(new Sample("", pool, Double.toString(old.fraction())))));
        }
        gauge(families, "perfweave_jvm_memory_pressure_level", null,
                "Memory pressure: 0 green, 1 yellow, 2 orange, 3 red, 4 critical (thresholds pressure.*).",
                jvm.pressure().ordinal());
        gauge(families, "perfweave_jvm_leak_hint", null,
                "1 while the old generation's occupancy after GC keeps rising at a steady allocation rate, else 0.",
                jvm.leakHintActive() ? 1 : 0);
        addCollectors(jvm.collectors(), GcKind.PAUSE, "perfweave_jvm_gc_pause_seconds",
                "Stop-the-world GC pauses per collector since start, at the JVM's millisecond resolution.", families);
        addCollectors(jvm.collectors(), GcKind.CYCLE, "perfweave_jvm_gc_cycle_seconds",
                "Concurrent GC cycles per collector since start (mostly concurrent with the application).", families);
        if (jvm.allocatedBytesTotal() >= 0) {
            counter(families, "perfweave_jvm_allocated_bytes", "bytes",
                    "Bytes allocated on the heap by all threads since the agent started.",
                    Long.toString(jvm.allocatedBytesTotal()));
        }
        gauge(families, "perfweave_jvm_threads", null, "Live threads, daemon threads included.", jvm.liveThreads());
        if (jvm.processCpuNanosTotal() >= 0) {
            counter(families, "perfweave_jvm_process_cpu_seconds", "seconds",
                    "CPU time the whole process used since the agent started.",
                    PrometheusSink.seconds(jvm.processCpuNanosTotal()));
        }
    }

    private static void addCollectors(List<CollectorActivity> collectors, GcKind kind, String name, String help,
                                      List<MetricFamily> families) {
        List<Sample> samples = new ArrayList<>();
        for (CollectorActivity collector : collectors) {
            if (collector.kind() != kind) {
                continue;
            }
            List<Label> labels = List.of(new Label("collector", collector.name()));
            Histogram total = collector.totalHistogram();
            for (int i = 0; i < GC_PERCENTILES.length; i++) {
                List<Label> quantile = List.of(labels.get(0), new Label("quantile", GC_QUANTILES[i]));
                samples.add(new Sample("", quantile, total.getTotalCount() == 0 ? "NaN"
                        : PrometheusSink.seconds(total.getValueAtPercentile(GC_PERCENTILES[i]))));
            }
            samples.add(new Sample("_sum", labels, PrometheusSink.seconds(collector.totalMillis() * 1_000_000)));
            samples.add(new Sample("_count", labels, Long.toString(collector.totalCount())));
        }
        if (!samples.isEmpty()) {
            families.add(new MetricFamily(name, Type.SUMMARY, "seconds", help, samples));
        }
    }

    private static void addCost(AgentCost cost, List<MetricFamily> families) {
        if (cost.reporterCpuNanosTotal() >= 0) {
            counter(families, "perfweave_agent_reporter_cpu_seconds", "seconds",
                    "CPU time of the agent's reporter thread since start.", PrometheusSink.seconds(cost.reporterCpuNanosTotal()));
        }
        if (cost.probeCostNanosTotal() >= 0) {
            counter(families, "perfweave_agent_probe_cost_seconds", "seconds",
                    "Estimated time application threads spent in probes since start: calls times the calibrated cost of one.",
                    PrometheusSink.seconds(cost.probeCostNanosTotal()));
            gauge(families, "perfweave_agent_probe_call_cost_seconds", "seconds",
                    "The cost of one probed call, measured at start.", cost.probeCallNanos() / 1e9);
        }
        if (cost.share() >= 0) {
            gauge(families, "perfweave_agent_overhead_ratio", null,
                    "The agent's share of the process's CPU in the last interval (reporter thread and probes).", cost.share());
        }
        gauge(families, "perfweave_agent_retained_bytes", "bytes",
                "The agent's estimated heap: its histograms and the threads' rings.", cost.retainedBytes());
        if (!Double.isNaN(cost.budget())) {
            gauge(families, "perfweave_agent_overhead_budget_violated", null,
                    "1 while the agent's overhead is above agent.budget.overhead, else 0.", cost.overBudget() ? 1 : 0);
        }
    }

    private static void gauge(List<MetricFamily> families, String name, String unit, String help, double value) {
        String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        families.add(new MetricFamily(name, Type.GAUGE, unit, help, List.of(new Sample("", List.of(), text))));
    }

    private static void counter(List<MetricFamily> families, String name, String unit, String help, String value) {
        families.add(new MetricFamily(name, Type.COUNTER, unit, help, List.of(new Sample("_total", List.of(), value))));
    }
}
