package io.perfweave.agent.sink.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.jvm.JvmContext;
import io.perfweave.agent.jvm.JvmHealthSamples;
import io.perfweave.agent.jvm.PressureLevel;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.overhead.OverheadViolation;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ExceptionCount;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.report.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo("1.2.3", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium",
            "17.0.9+9", 4242, "/etc/app/perfweave.properties");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-05-01T10:05:30.250Z");

    @TempDir
    Path dir;

    private static final LatencySummary FAILED = new LatencySummary(3, 7_000, 8_000, 9_000, 9_500, 9_900, 10_000, 8_765.432);
    private static final AllocationSummary ALLOCATION = new AllocationSummary(118, 16, 8_016, 8_100, 16_000, 16_032, 9_123.456,
            1_076_568);
    private static final List<ExceptionCount> EXCEPTIONS = List.of(
            new ExceptionCount("java.lang.IllegalStateException", 2), new ExceptionCount(ExceptionCount.OTHER, 1));
    private static final List<CallEdge> EDGES = List.of(
            new CallEdge(null, "checkout", 120, 5_000_000),
            new CallEdge("checkout", "parse", 240, 1_500_000),
            new CallEdge("parse", "parse", 3, 0));

    private static ReportSnapshot snapshot(long checkoutCalls) {
        return snapshot(checkoutCalls, EDGES);
    }

    private static ReportSnapshot snapshot(long checkoutCalls, List<CallEdge> edges) {
        LatencySummary latency = new LatencySummary(checkoutCalls - 2, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_345.678);
        CallStats checkoutTotal = new CallStats(checkoutCalls, 3, 2, latency, FAILED, ALLOCATION, 5_000_000, 3_500_000);
        CallStats none = new CallStats(0, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, 0, 0);
        CallStats parseTotal = new CallStats(243, 0, 0, latency, LatencySummary.EMPTY,
                new AllocationSummary(0, 0, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000);
        return new ReportSnapshot(START, Instant.parse("2024-05-01T10:05:00Z"), END, true, List.of(
                new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(
                        "com.acme.Checkout#process()", "com.acme.Checkout#process(java.lang.String,int[])"),
                        1, none, checkoutTotal, new Histogram(2), new Histogram(2), EXCEPTIONS),
                new ProbeSnapshot(1, "idle", "com.acme.Idle#*", List.of(), 0, none, none, new Histogram(2), new Histogram(2),
                        List.of()),
                new ProbeSnapshot(2, "parse", "com.acme.Parser#parse", List.of("com.acme.Parser#parse()"), 1, none,
                        parseTotal, new Histogram(2), new Histogram(2), List.of())),
                2, edges, new ReporterHealth(0, 0, 0, 3, 1));
    }

    private static ReportSnapshot withJvmHealth(ReportSnapshot s) {
        return new ReportSnapshot(s.runStart(), s.intervalStart(), s.intervalEnd(), s.finalReport(), s.probes(),
                s.droppedTotal(), s.callEdges(), s.health(), JvmHealthSamples.health(), JvmHealthSamples.cost());
    }

    @Test
    void writesTheJvmsHealthIntoTheJvmObjectAndTheAgentsCostIntoOverhead() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(withJvmHealth(snapshot(120)));

        JsonNode root = JSON.readTree(report.toFile());
        JsonNode jvm = root.get("jvm");
        assertThat(jvm.get("pid").asLong()).isEqualTo(4242);
        assertThat(jvm.get("heap").get("usedBytes").asLong()).isEqualTo(100L << 20);
        assertThat(jvm.get("heap").get("committedBytes").asLong()).isEqualTo(128L << 20);
        assertThat(jvm.get("heap").get("maxBytes").asLong()).isEqualTo(256L << 20);
        JsonNode old = jvm.get("oldGenAfterGc");
        assertThat(old.get("pool").asText()).isEqualTo("G1 Old Gen");
        assertThat(old.get("usedBytes").asLong()).isEqualTo(192L << 20);
        assertThat(old.get("occupancy").asDouble()).isEqualTo(0.75);
        assertThat(old.get("time").asText()).isEqualTo("2024-05-01T10:04:00Z");
        assertThat(jvm.get("pressure").get("level").asText()).isEqualTo("yellow");
        assertThat(jvm.get("pressure").get("highest").asText()).isEqualTo("orange");
        JsonNode young = jvm.get("gc").get(0);
        assertThat(young.get("collector").asText()).isEqualTo("G1 Young Generation");
        assertThat(young.get("kind").asText()).isEqualTo("pause");
        assertThat(young.get("count").asLong()).isEqualTo(5);
        assertThat(young.get("totalMillis").asLong()).isEqualTo(50);
        assertThat(young.get("maxMillis").asLong()).isEqualTo(30);
        assertThat(young.get("durationNanos").get("samples").asLong()).isEqualTo(5);
        assertThat((double) young.get("durationNanos").get("p50").asLong()).isCloseTo(6e6, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(jvm.get("gc").get(1).get("kind").asText()).isEqualTo("cycle");
        // 330.25 s of run
        assertThat(jvm.get("allocation").get("totalBytes").asLong()).isEqualTo(3_000L << 20);
        assertThat(jvm.get("allocation").get("bytesPerSecond").asLong()).isEqualTo(Math.round((3_000L << 20) / 330.25));
        assertThat(jvm.get("threads").get("live").asInt()).isEqualTo(21);
        assertThat(jvm.get("threads").get("peak").asInt()).isEqualTo(25);
        assertThat(jvm.get("processCpu").get("totalNanos").asLong()).isEqualTo(40_000_000_000L);
        assertThat(jvm.get("processCpu").get("processors").asInt()).isEqualTo(2);
        assertThat(jvm.get("processCpu").get("load").asDouble()).isEqualTo(0.06056);
        JsonNode leak = jvm.get("leakHint");
        assertThat(leak.get("active").asBoolean()).isTrue();
        assertThat(leak.get("growthBytesPerSecond").asLong()).isEqualTo(Math.round(1.5 * (1 << 20)));
        assertThat(leak.get("secondsToExhaustion").asDouble()).isEqualTo(42.7);
        assertThat(leak.get("samples").asInt()).isEqualTo(12);

        JsonNode overhead = root.get("overhead");
        assertThat(overhead.get("probeCallNanos").asLong()).isEqualTo(50);
        assertThat(overhead.get("probeCalls").asLong()).isEqualTo(1_000_000);
        assertThat(overhead.get("probeCostNanos").asLong()).isEqualTo(50_000_000);
        assertThat(overhead.get("reporterCpuNanos").asLong()).isEqualTo(120_000_000);
        assertThat(overhead.get("processCpuNanos").asLong()).isEqualTo(40_000_000_000L);
        assertThat(overhead.get("share").asDouble()).isEqualTo(0.00425);
        assertThat(overhead.get("retainedBytes").asLong()).isEqualTo(393_216);
        assertThat(overhead.get("budget").asDouble()).isEqualTo(0.01);
        assertThat(overhead.get("overBudget").asBoolean()).isFalse();
    }

    @Test
    void theAgentsOverheadBudgetViolationsAreWrittenLikeAProbes() throws IOException {
        Path report = dir.resolve("report.json");
        Instant raised = Instant.parse("2024-05-01T10:01:00Z");
        Instant cleared = Instant.parse("2024-05-01T10:02:00Z");
        AgentCost c = JvmHealthSamples.cost();
        List<OverheadViolation> violations = List.of(
                new OverheadViolation(0.01, 0.0234567, 20_000, 1_000_000_000, raised, cleared, 0.004, 15_000,
                        new JvmContext(raised.minusSeconds(1), raised, 0, 0, 0, null, 0, PressureLevel.GREEN, false),
                        "cleared"),
                new OverheadViolation(0.01, 0.05, 90_000, 1_000_000_000, cleared, null, Double.NaN, 0, null, "raised"));
        AgentCost cost = new AgentCost(c.probeCallNanos(), c.reporterCpuNanos(), c.reporterCpuNanosTotal(), c.probeCalls(),
                c.probeCallsTotal(), c.probeCostNanos(), c.probeCostNanosTotal(), c.processCpuNanos(),
                c.processCpuNanosTotal(), c.retainedBytes(), c.budget(), true, violations, List.of());
        ReportSnapshot s = snapshot(120);

        new JsonReportSink(report, RUN).onFinal(new ReportSnapshot(s.runStart(), s.intervalStart(), s.intervalEnd(),
                true, s.probes(), 0, List.of(), ReporterHealth.NONE, JvmHealthSamples.health(), cost));

        JsonNode overhead = JSON.readTree(report.toFile()).get("overhead");
        assertThat(overhead.get("overBudget").asBoolean()).isTrue();
        JsonNode written = overhead.get("budgetViolations");
        assertThat(written).hasSize(2);
        JsonNode first = written.get(0);
        assertThat(first.get("metric").asText()).isEqualTo("overhead");
        assertThat(first.get("unit").asText()).isEqualTo("ratio");
        assertThat(first.get("limit").asDouble()).isEqualTo(0.01);
        assertThat(first.get("observed").asDouble()).isEqualTo(0.023457);
        assertThat(first.get("windowNanos").asLong()).isEqualTo(1_000_000_000);
        assertThat(first.get("samples").asLong()).isEqualTo(20_000);
        assertThat(first.get("raised").asText()).isEqualTo("2024-05-01T10:01:00Z");
        assertThat(first.get("cleared").asText()).isEqualTo("2024-05-01T10:02:00Z");
        assertThat(first.get("state").asText()).isEqualTo("cleared");
        assertThat(first.get("clearedObserved").asDouble()).isEqualTo(0.004);
        assertThat(first.get("clearedSamples").asLong()).isEqualTo(15_000);
        assertThat(first.get("jvm").get("gcPauses").asInt()).isZero();
        assertThat(first.get("jvm").get("longestGcPauseCollector").isNull()).isTrue();
        assertThat(first.get("jvm").get("pressure").asText()).isEqualTo("green");
        assertThat(first.get("jvm").get("complete").asBoolean()).isFalse();
        JsonNode second = written.get(1);
        assertThat(second.get("state").asText()).isEqualTo("ongoing");
        assertThat(second.get("cleared").isNull()).isTrue();
        assertThat(second.has("jvm")).isFalse();
    }

    @Test
    void anUnbrokenOverheadBudgetHasAnEmptyViolationsArray() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(withJvmHealth(snapshot(120)));

        assertThat(JSON.readTree(report.toFile()).get("overhead").get("budgetViolations")).isEmpty();
    }

    @Test
    void aSnapshotWithoutJvmFiguresWritesNone() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(120));

        JsonNode root = JSON.readTree(report.toFile());
        assertThat(root.get("jvm").has("heap")).isFalse();
        assertThat(root.has("overhead")).isFalse();
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void writesTheWholeRunAsJson() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(120));

        JsonNode root = JSON.readTree(report.toFile());
        assertThat(root.get("formatVersion").asInt()).isEqualTo(JsonReportSink.FORMAT_VERSION).isEqualTo(1);
        assertThat(root.get("agentVersion").asText()).isEqualTo("1.2.3");
        JsonNode jvm = root.get("jvm");
        assertThat(jvm.get("name").asText()).isEqualTo("OpenJDK 64-Bit Server VM");
        assertThat(jvm.get("vendor").asText()).isEqualTo("Eclipse Adoptium");
        assertThat(jvm.get("version").asText()).isEqualTo("17.0.9+9");
        assertThat(jvm.get("pid").isIntegralNumber()).isTrue();
        assertThat(jvm.get("pid").asLong()).isEqualTo(4242);
        assertThat(root.get("config").asText()).isEqualTo("/etc/app/perfweave.properties");
        assertThat(Instant.parse(root.get("startTime").asText())).isEqualTo(START);
        assertThat(Instant.parse(root.get("endTime").asText())).isEqualTo(END);
        assertThat(root.get("dropped").asLong()).isEqualTo(2);
        assertThat(root.get("intervalOverruns").asLong()).isEqualTo(3);
        assertThat(root.get("agentFailures").asLong()).isEqualTo(1);

        JsonNode probes = root.get("probes");
        assertThat(probes.isArray()).isTrue();
        assertThat(probes).hasSize(3);
        JsonNode checkout = probes.get(0);
        assertThat(checkout.get("name").asText()).isEqualTo("checkout");
        assertThat(checkout.get("pattern").asText()).isEqualTo("com.acme.Checkout#process");
        assertThat(checkout.get("method")).extracting(JsonNode::asText).containsExactly(
                "com.acme.Checkout#process()", "com.acme.Checkout#process(java.lang.String,int[])");
        assertThat(checkout.get("count").asLong()).isEqualTo(120);
        assertThat(checkout.get("errors").asLong()).isEqualTo(3);
        assertThat(checkout.get("dropped").asLong()).isEqualTo(2);
        JsonNode latency = checkout.get("latencyNanos");
        assertThat(latency.get("samples").asLong()).isEqualTo(118);
        assertThat(latency.get("min").asLong()).isEqualTo(1_000);
        assertThat(latency.get("p50").asLong()).isEqualTo(2_000);
        assertThat(latency.get("p90").asLong()).isEqualTo(3_000);
        assertThat(latency.get("p99").asLong()).isEqualTo(4_000);
        assertThat(latency.get("p999").asLong()).isEqualTo(5_000);
        assertThat(latency.get("max").asLong()).isEqualTo(6_000);
        assertThat(latency.get("mean").asDouble()).isEqualTo(2_345.7);

        assertThat(checkout.get("errorRate").asDouble()).isEqualTo(0.025);
        JsonNode failed = checkout.get("failedLatencyNanos");
        assertThat(failed.get("samples").asLong()).isEqualTo(3);
        assertThat(failed.get("min").asLong()).isEqualTo(7_000);
        assertThat(failed.get("p50").asLong()).isEqualTo(8_000);
        assertThat(failed.get("p90").asLong()).isEqualTo(9_000);
        assertThat(failed.get("p99").asLong()).isEqualTo(9_500);
        assertThat(failed.get("p999").asLong()).isEqualTo(9_900);
        assertThat(failed.get("max").asLong()).isEqualTo(10_000);
        assertThat(failed.get("mean").asDouble()).isEqualTo(8_765.4);
        assertThat(checkout.get("exceptions")).hasSize(2);
        assertThat(checkout.get("exceptions").get(0).get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(checkout.get("exceptions").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(checkout.get("exceptions").get(1).get("class").asText()).isEqualTo("other");
        assertThat(checkout.get("exceptions").get(1).get("count").asLong()).isEqualTo(1);
        assertThat(checkout.get("totalTimeNanos").asLong()).isEqualTo(5_000_000);
        assertThat(checkout.get("selfTimeNanos").asLong()).isEqualTo(3_500_000);
        JsonNode allocated = checkout.get("allocatedBytes");
        assertThat(allocated.get("samples").asLong()).isEqualTo(118);
        assertThat(allocated.get("min").asLong()).isEqualTo(16);
        assertThat(allocated.get("p50").asLong()).isEqualTo(8_016);
        assertThat(allocated.get("p90").asLong()).isEqualTo(8_100);
        assertThat(allocated.get("p99").asLong()).isEqualTo(16_000);
        assertThat(allocated.get("max").asLong()).isEqualTo(16_032);
        assertThat(allocated.get("mean").asDouble()).isEqualTo(9_123.5);
        assertThat(allocated.get("total").isIntegralNumber()).isTrue();
        assertThat(allocated.get("total").asLong()).isEqualTo(1_076_568);

        JsonNode idle = probes.get(1);
        assertThat(idle.get("method").isArray()).isTrue();
        assertThat(idle.get("method")).isEmpty();
        assertThat(idle.get("count").asLong()).isZero();
        assertThat(idle.get("latencyNanos").get("samples").asLong()).isZero();
        assertThat(idle.get("errorRate").asDouble()).isZero();
        assertThat(idle.get("failedLatencyNanos").get("samples").asLong()).isZero();
        assertThat(idle.get("exceptions").isArray()).isTrue();
        assertThat(idle.get("exceptions")).isEmpty();
        assertThat(idle.get("totalTimeNanos").asLong()).isZero();
        assertThat(idle.get("selfTimeNanos").asLong()).isZero();
        assertThat(idle.has("allocatedBytes")).as("allocation is not measured for this probe").isFalse();

        JsonNode parse = probes.get(2);
        assertThat(parse.get("allocatedBytes").get("samples").asLong())
                .as("measured, but no call could be: present, with no sample").isZero();
        assertThat(parse.get("allocatedBytes").get("total").asLong()).isZero();

        JsonNode tree = root.get("callTree");
        assertThat(tree.isArray()).isTrue();
        assertThat(tree).hasSize(3);
        assertThat(tree.get(0).has("parent")).isTrue();
        assertThat(tree.get(0).get("parent").isNull()).as("a root has a null parent").isTrue();
        assertThat(tree.get(0).get("child").asText()).isEqualTo("checkout");
        assertThat(tree.get(0).get("calls").asLong()).isEqualTo(120);
        assertThat(tree.get(0).get("timeNanos").asLong()).isEqualTo(5_000_000);
        assertThat(tree.get(1).get("parent").asText()).isEqualTo("checkout");
        assertThat(tree.get(1).get("child").asText()).isEqualTo("parse");
        assertThat(tree.get(1).get("calls").asLong()).isEqualTo(240);
        assertThat(tree.get(1).get("timeNanos").asLong()).isEqualTo(1_500_000);
        assertThat(tree.get(2).get("parent").asText()).isEqualTo("parse");
        assertThat(tree.get(2).get("child").asText()).isEqualTo("parse");
        assertThat(tree.get(2).get("calls").asLong()).isEqualTo(3);
        assertThat(tree.get(2).get("timeNanos").asLong()).isZero();
    }

    @Test
    void anAdaptiveProbeReportsItsPriorityTheRateInForceAndTheCallsTimed() throws IOException {
        Path report = dir.resolve("report.json");
        LatencySummary timed = new LatencySummary(300, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_345.678);
        LatencySummary intervalTimed = new LatencySummary(25, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_345.678);
        CallStats total = new CallStats(1000, 0, 0, timed, LatencySummary.EMPTY, null, 0, 0, 700);
        CallStats interval = new CallStats(100, 0, 0, intervalTimed, LatencySummary.EMPTY, null, 0, 0, 75);
        CallStats none = new CallStats(0, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, 0, 0);
        ProbeSnapshot lowered = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(), 1, interval,
                total, new Histogram(2), new Histogram(2), List.of(), null, null, 1, BudgetStatus.NONE, true,
                ProbePriority.NORMAL, 4);
        ProbeSnapshot high = new ProbeSnapshot(1, "pay", "com.acme.Pay#run", List.of(), 1, none, none, new Histogram(2),
                new Histogram(2), List.of(), null, null, 1, BudgetStatus.NONE, false, ProbePriority.HIGH, 1);

        new JsonReportSink(report, RUN).onFinal(new ReportSnapshot(START, START, END, true, List.of(lowered, high), 0,
                List.of(), ReporterHealth.NONE));

        JsonNode probes = JSON.readTree(report.toFile()).get("probes");
        JsonNode sampling = probes.get(0).get("sampling");
        assertThat(sampling.get("rate").asText()).as("its own rate").isEqualTo("1/1");
        assertThat(sampling.get("adaptive").asBoolean()).isTrue();
        assertThat(sampling.get("priority").asText()).isEqualTo("normal");
        assertThat(sampling.get("rateInForce").asText()).isEqualTo("1/4");
        assertThat(sampling.get("timed").asLong()).isEqualTo(300);
        assertThat(sampling.get("untimed").asLong()).isEqualTo(700);
        assertThat(sampling.get("effectiveRate").asDouble()).isEqualTo(0.3);
        assertThat(sampling.get("intervalCalls").asLong()).isEqualTo(100);
        assertThat(sampling.get("intervalEffectiveRate").asDouble()).isEqualTo(0.25);
        assertThat(probes.get(1).has("sampling")).as("a probe that is neither sampled nor adaptive").isFalse();
    }

    @Test
    void aRunWithoutProbedCallsHasAnEmptyCallTree() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(5, List.of()));

        JsonNode tree = JSON.readTree(report.toFile()).get("callTree");
        assertThat(tree.isArray()).isTrue();
        assertThat(tree).isEmpty();
    }

    @Test
    void createsMissingDirectoriesAndLeavesNoTemporaryFileBehind() throws IOException {
        Path report = dir.resolve("build/reports/perfweave/report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(10));

        assertThat(filesIn(report.getParent())).containsExactly(report);
        assertThat(JSON.readTree(report.toFile()).get("probes").get(0).get("count").asLong()).isEqualTo(10);
    }

    @Test
    void replacesAnEarlierReport() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "{\"stale\": true}");

        new JsonReportSink(report, RUN).onFinal(snapshot(77));

        JsonNode root = JSON.readTree(report.toFile());
        assertThat(root.has("stale")).isFalse();
        assertThat(root.get("probes").get(0).get("count").asLong()).isEqualTo(77);
        assertThat(filesIn(dir)).containsExactly(report);
    }

    @Test
    void writesNothingForAnInterval() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onInterval(snapshot(5));

        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aReportThatCannotBeWrittenFailsNamingTheDestination() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file");
        Path report = notADirectory.resolve("report.json");

        assertThatThrownBy(() -> new JsonReportSink(report, RUN).onFinal(snapshot(5)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(report.toString());
        assertThat(filesIn(dir)).containsExactly(notADirectory);
    }

    @Test
    void aReportThatCannotBeMovedIntoPlaceLeavesNoTemporaryFileBehind() throws IOException {
        Path report = Files.createDirectories(dir.resolve("report.json"));
        Files.writeString(report.resolve("keeps-the-directory-non-empty"), "x");

        assertThatThrownBy(() -> new JsonReportSink(report, RUN).onFinal(snapshot(5)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(report.toString());
        assertThat(filesIn(dir)).containsExactly(report);
    }

    @Test
    void everyProbeHasItsBudgetViolationsOngoingOnesIncluded() throws IOException {
        Path report = dir.resolve("report.json");
        Instant raised = Instant.parse("2024-05-01T10:01:00Z");
        Instant cleared = Instant.parse("2024-05-01T10:02:00Z");
        BudgetStatus budget = new BudgetStatus(
                List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25e6, true), new BudgetStatus.Limit(BudgetMetric.ERRORS, 0.01, false)),
                List.of(new BudgetStatus.Violation("checkout", BudgetMetric.ERRORS, 0.01, 0.0234, 1204, 10_000_000_000L, raised,
                                cleared, 0.004, 1500),
                        new BudgetStatus.Violation("checkout", BudgetMetric.P99, 25e6, 31.2e6, 1300, 10_000_000_000L, cleared,
                                null, Double.NaN, 0, new JvmContext(cleared.minusSeconds(10), cleared, 3, 41, 30,
                                "G1 Old Generation", 1, PressureLevel.ORANGE, true))),
                List.of(), List.of(new BudgetStatus.Anomaly("checkout", 9e6, 2e6, 1e5, 70, 3, 800, 30, raised, cleared)),
                List.of());
        ReportSnapshot plain = snapshot(120);
        ProbeSnapshot checkout = plain.probes().get(0);
        List<ProbeSnapshot> probes = List.of(new ProbeSnapshot(checkout.id(), checkout.name(), checkout.pattern(),
                checkout.methods(), checkout.matchedClasses(), checkout.interval(), checkout.total(),
                checkout.intervalHistogram(), checkout.totalHistogram(), checkout.exceptions(), budget), plain.probes().get(1));

        new JsonReportSink(report, RUN).onFinal(new ReportSnapshot(START, START, END, true, probes, 0, List.of(),
                ReporterHealth.NONE));

        JsonNode root = JSON.readTree(report.toFile());
        JsonNode written = root.get("probes").get(0);
        assertThat(written.get("budget").get("p99").asLong()).isEqualTo(25_000_000);
        assertThat(written.get("budget").get("errors").asDouble()).isEqualTo(0.01);
        JsonNode violations = written.get("budgetViolations");
        assertThat(violations).hasSize(2);
        JsonNode errors = violations.get(0);
        assertThat(errors.get("metric").asText()).isEqualTo("errors");
        assertThat(errors.get("unit").asText()).isEqualTo("ratio");
        assertThat(errors.get("limit").asDouble()).isEqualTo(0.01);
        assertThat(errors.get("observed").asDouble()).isEqualTo(0.0234);
        assertThat(errors.get("windowNanos").asLong()).isEqualTo(10_000_000_000L);
        assertThat(errors.get("samples").asLong()).isEqualTo(1204);
        assertThat(errors.get("raised").asText()).isEqualTo("2024-05-01T10:01:00Z");
        assertThat(errors.get("cleared").asText()).isEqualTo("2024-05-01T10:02:00Z");
        assertThat(errors.get("state").asText()).isEqualTo("cleared");
        assertThat(errors.get("clearedObserved").asDouble()).isEqualTo(0.004);
        assertThat(errors.get("clearedSamples").asLong()).isEqualTo(1500);
        JsonNode p99 = violations.get(1);
        assertThat(p99.get("unit").asText()).isEqualTo("ns");
        assertThat(p99.get("observed").asLong()).isEqualTo(31_200_000);
        assertThat(p99.get("cleared").isNull()).isTrue();
        assertThat(p99.get("state").asText()).isEqualTo("ongoing");
        assertThat(p99.has("clearedObserved")).isFalse();
        JsonNode jvm = p99.get("jvm");
        assertThat(jvm.get("gcPauses").asInt()).isEqualTo(3);
        assertThat(jvm.get("gcPauseMillis").asLong()).isEqualTo(41);
        assertThat(jvm.get("longestGcPauseMillis").asLong()).isEqualTo(30);
        assertThat(jvm.get("longestGcPauseCollector").asText()).isEqualTo("G1 Old Generation");
        assertThat(jvm.get("concurrentGcCycles").asInt()).isEqualTo(1);
        assertThat(jvm.get("pressure").asText()).isEqualTo("orange");
        assertThat(jvm.get("complete").asBoolean()).isTrue();
        assertThat(errors.has("jvm")).as("raised without a JVM monitor").isFalse();
        JsonNode anomaly = written.get("anomalies").get(0);
        assertThat(anomaly.get("p99Nanos").asLong()).isEqualTo(9_000_000);
        assertThat(anomaly.get("zScore").asDouble()).isEqualTo(70);
        assertThat(anomaly.get("history").asInt()).isEqualTo(30);

        JsonNode idle = root.get("probes").get(1);
        assertThat(idle.get("budgetViolations")).as("every probe has the array").isEmpty();
        assertThat(idle.has("budget")).isFalse();
        assertThat(idle.has("anomalies")).isFalse();
    }
}
