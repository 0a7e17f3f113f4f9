package io.perfweave.agent.sink.dashboard;

import static io.perfweave.agent.sink.dashboard.TestSnapshots.latencies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineProbe;
import io.perfweave.agent.baseline.ProbeHistograms;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.JvmHealthSamples;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.sink.dashboard.TestSnapshots.Calls;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DashboardViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;

    private final TestSnapshots snapshots = new TestSnapshots();

    private static JsonNode detail(DashboardView view, String probe) throws IOException {
        return JSON.readTree(DashboardJson.bytes(json -> DashboardJson.probeDetail(json, view, view.probe(probe).orElseThrow())));
    }

    private static JsonNode snapshot(DashboardView view) throws IOException {
        return JSON.readTree(DashboardJson.bytes(json -> DashboardJson.snapshot(json, view)));
    }

    @Test
    void buildsOneViewPerSnapshotNumberedInOrder() {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        ReportSnapshot first = snapshots.next(false, new Calls(0, "a", latencies(100, 200, 10), 0));
        ReportSnapshot second = snapshots.next(false, new Calls(0, "a", latencies(100, 200, 10), 0));

        DashboardView view = views.of(first);

        assertThat(views.of(first)).as("asked twice, built once").isSameAs(view);
        assertThat(view.sequence()).isEqualTo(1);
        assertThat(views.of(second).sequence()).isEqualTo(2);
    }

    @Test
    void theSnapshotDocumentCarriesTheTableFiguresOfEveryProbe() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        views.of(snapshots.next(false, new Calls(0, "checkout", latencies(1_000, 2_000, 100), 0)));
        DashboardView view = views.of(snapshots.next(false, new Calls(0, "checkout", latencies(1_000, 100_000, 400), 8),
                new Calls(1, "parse", latencies(50, 60, 40), 0)));

        JsonNode json = snapshot(view);

        assertThat(json.get("sequence").asLong()).isEqualTo(2);
        assertThat(json.get("intervalMillis").asLong()).isEqualTo(1000);
        assertThat(json.get("jvm").get("pid").asLong()).isEqualTo(4242);
        JsonNode checkout = json.get("probes").get(0);
        assertThat(checkout.get("name").asText()).isEqualTo("checkout");
        assertThat(checkout.get("count").asLong()).isEqualTo(500);
        assertThat(checkout.get("errors").asLong()).isEqualTo(8);
        assertThat(checkout.get("latencyNanos").get("p99").asLong()).isEqualTo(view.probes().get(0).total().latency().p99());
        assertThat(checkout.get("interval").get("count").asLong()).isEqualTo(400);
        assertThat(checkout.get("interval").get("ratePerSecond").asDouble()).isEqualTo(400.0);
        assertThat(checkout.get("allocatedBytes").get("mean").asDouble()).isEqualTo(30.5);
        assertThat(checkout.get("exceptions").get(0).get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(checkout.get("budget").get("state").asText()).isEqualTo("none");
        assertThat(checkout.get("budget").get("detail").asText()).isEqualTo("no budget");
        assertThat(checkout.has("regression")).as("no baseline.compare").isFalse();
        assertThat(json.get("probes").get(1).has("allocatedBytes")).isFalse();
        assertThat(json.get("callTree").get(0).get("child").asText()).isEqualTo("checkout");
        assertThat(json.get("agent").get("reportNanos").asLong()).isEqualTo(250_000);
        assertThat(json.get("agent").get("rings").asInt()).isEqualTo(3);
        assertThat(json.get("jvmHealth").get("measured").asBoolean()).as("a snapshot without JVM figures").isFalse();
        assertThat(json.get("agent").get("costMeasured").asBoolean()).isFalse();
        assertThat(json.get("agent").get("cpuShare").asDouble()).isEqualTo(-1);
    }

    @Test
    void theJvmHealthAndTheAgentsCostAreTheSnapshotsOwnFigures() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        JvmHealth health = JvmHealthSamples.health();
        AgentCost cost = JvmHealthSamples.cost();
        DashboardView view = views.of(TestSnapshots.withJvm(
                snapshots.next(false, new Calls(0, "a", latencies(100, 200, 10), 0)), health, cost));

        JsonNode json = snapshot(view);

        JsonNode jvm = json.get("jvmHealth");
        assertThat(jvm.get("measured").asBoolean()).isTrue();
        assertThat(jvm.get("heapUsedBytes").asLong()).isEqualTo(health.heapUsedBytes());
        assertThat(jvm.get("heapCommittedBytes").asLong()).isEqualTo(health.heapCommittedBytes());
        assertThat(jvm.get("heapMaxBytes").asLong()).isEqualTo(health.heapMaxBytes());
        assertThat(jvm.get("oldGenAfterGc").get("pool").asText()).isEqualTo("G1 Old Gen");
        assertThat(jvm.get("oldGenAfterGc").get("usedBytes").asLong()).isEqualTo(health.oldGenAfterGc().usedBytes());
        assertThat(jvm.get("oldGenAfterGc").get("occupancy").asDouble()).isEqualTo(0.75);
        assertThat(jvm.get("pressure").get("level").asText()).isEqualTo("yellow");
        assertThat(jvm.get("pressure").get("highest").asText()).isEqualTo("orange");
        assertThat(jvm.get("gc")).hasSize(2);
        JsonNode young = jvm.get("gc").get(0);
        assertThat(young.get("name").asText()).isEqualTo("G1 Young Generation");
        assertThat(young.get("kind").asText()).isEqualTo(health.collectors().get(0).kind().label());
        assertThat(young.get("intervalCount").asLong()).isEqualTo(3);
        assertThat(young.get("intervalMillis").asLong()).isEqualTo(44);
        assertThat(young.get("intervalMaxMillis").asLong()).isEqualTo(30);
        assertThat(young.get("totalCount").asLong()).isEqualTo(5);
        assertThat(young.get("totalMillis").asLong()).isEqualTo(50);
        assertThat(jvm.get("allocationBytesPerSecond").asLong()).isEqualTo(Math.round(health.allocationBytesPerSecond()));
        assertThat(jvm.get("liveThreads").asInt()).isEqualTo(21);
        assertThat(jvm.get("peakThreads").asInt()).isEqualTo(25);
        assertThat(jvm.get("processCpuLoad").asDouble()).isEqualTo(0.25);
        assertThat(jvm.get("leakHint").get("active").asBoolean()).isTrue();
        assertThat(jvm.get("leakHint").get("secondsToExhaustion").asDouble()).isEqualTo(42.7);

        JsonNode agent = json.get("agent");
        assertThat(agent.get("costMeasured").asBoolean()).isTrue();
        assertThat(agent.get("cpuShare").asDouble()).isEqualTo(Math.round(cost.share() * 1e6) / 1e6);
        assertThat(agent.get("reporterCpuNanos").asLong()).isEqualTo(cost.reporterCpuNanos());
        assertThat(agent.get("reporterCpuShare").asDouble()).isEqualTo(Math.round(cost.reporterShare() * 1e6) / 1e6);
        assertThat(agent.get("probeCalls").asLong()).isEqualTo(cost.probeCalls());
        assertThat(agent.get("probeCallNanos").asLong()).isEqualTo(50);
        assertThat(agent.get("probeCostNanos").asLong()).isEqualTo(cost.probeCostNanos());
        assertThat(agent.get("probeShare").asDouble()).isEqualTo(0.002);
        assertThat(agent.get("processCpuNanos").asLong()).isEqualTo(cost.processCpuNanos());
        assertThat(agent.get("retainedBytes").asLong()).isEqualTo(393_216);
        assertThat(agent.get("overheadBudget").asDouble()).isEqualTo(0.01);
        assertThat(agent.get("overBudget").asBoolean()).isFalse();
        assertThat(view.jvm().collectors()).as("the view keeps no histogram the monitor only lends")
                .allSatisfy(c -> assertThat(c.totalHistogram()).isNull());
    }

    @Test
    void showsEachProbesSamplingAndWhetherAdaptiveSamplingLoweredItsRate() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        ReportSnapshot snapshot = TestSnapshots.withProbes(snapshots.next(false,
                new Calls(0, "hot", latencies(100, 200, 100), 0), new Calls(1, "plain", latencies(100, 200, 10), 0)),
                p -> p.name().equals("hot") ? TestSnapshots.sampled(p, 10, ProbePriority.LOW, 40, 3_900, 3_900) : p);

        JsonNode probes = snapshot(views.of(snapshot)).get("probes");

        JsonNode hot = probes.get(0).get("sampling");
        assertThat(hot.get("rate").asText()).isEqualTo("1/10");
        assertThat(hot.get("rateInForce").asText()).as("lowered under memory pressure").isEqualTo("1/40");
        assertThat(hot.get("adaptive").asBoolean()).isTrue();
        assertThat(hot.get("priority").asText()).isEqualTo("low");
        assertThat(hot.get("timed").asLong()).isEqualTo(100);
        assertThat(hot.get("untimed").asLong()).isEqualTo(3_900);
        assertThat(hot.get("effectiveRate").asDouble()).isEqualTo(0.025);
        assertThat(hot.get("intervalEffectiveRate").asDouble()).isEqualTo(0.025);
        JsonNode plain = probes.get(1).get("sampling");
        assertThat(plain.get("rate").asText()).as("every probe has it, for the page's column").isEqualTo("1/1");
        assertThat(plain.get("rateInForce").asText()).isEqualTo("1/1");
        assertThat(plain.has("adaptive")).isFalse();
        assertThat(plain.get("effectiveRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void keepsABoundedHistoryWithGapsWhereAProbeWasNotCalled() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        DashboardView view = null;
        int intervals = DashboardViews.HISTORY_INTERVALS + 10;
        for (int i = 0; i < intervals; i++) {
            long[] fast = latencies(1_000 + i, 2_000 + i, 20);
            view = i == intervals - 2
                    ? views.of(snapshots.next(false, new Calls(0, "a", fast, 0), new Calls(1, "b", new long[0], 0)))
                    : views.of(snapshots.next(false, new Calls(0, "a", fast, 0), new Calls(1, "b", latencies(5, 9, 3), 0)));
        }

        JsonNode history = detail(view, "b").get("history");

        assertThat(history).hasSize(DashboardViews.HISTORY_INTERVALS);
        assertThat(history.get(0).get("end").asText()).as("the oldest intervals dropped")
                .isEqualTo(TestSnapshots.START.plusSeconds(11).toString());
        JsonNode gap = history.get(DashboardViews.HISTORY_INTERVALS - 2);
        assertThat(gap.get("count").asLong()).isZero();
        assertThat(gap.has("p50")).isFalse();
        JsonNode last = history.get(DashboardViews.HISTORY_INTERVALS - 1);
        assertThat(last.get("count").asLong()).isEqualTo(3);
        assertThat(last.get("max").asLong()).isEqualTo(9);
    }

    @Test
    void theDistributionIsThePercentileSpectrumSinceStartAndOfTheLastInterval() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        views.of(snapshots.next(false, new Calls(0, "a", latencies(1_000, 1_000_000, 1000), 0)));
        DashboardView busy = views.of(snapshots.next(false, new Calls(0, "a", latencies(10, 100, 1000), 0)));
        DashboardView idle = views.of(snapshots.next(false, new Calls(0, "a", new long[0], 0)));

        JsonNode distribution = detail(busy, "a").get("distribution");
        JsonNode sinceStart = distribution.get("sinceStart");
        JsonNode lastInterval = distribution.get("lastInterval");
        assertThat(sinceStart.get(sinceStart.size() - 1).get("percentile").asDouble()).isEqualTo(100.0);
        assertThat(sinceStart.get(sinceStart.size() - 1).get("valueNanos").asLong()).isBetween(1_000_000L, 1_010_000L);
        assertThat(lastInterval.get(lastInterval.size() - 1).get("valueNanos").asLong()).isBetween(100L, 101L);
        double previous = -1;
        for (JsonNode point : sinceStart) {
            assertThat(point.get("percentile").asDouble()).isGreaterThan(previous);
            previous = point.get("percentile").asDouble();
        }
        assertThat(sinceStart.size()).as("denser towards the tail: more than a point per 10%").isGreaterThan(30);

        JsonNode idleDistribution = detail(idle, "a").get("distribution");
        assertThat(idleDistribution.get("lastInterval")).isEmpty();
        assertThat(idleDistribution.get("sinceStart")).isEqualTo(sinceStart);
    }

    @Test
    void showsEachProbesRegressionAgainstTheBaseline() throws IOException {
        Histogram fast = new Histogram(2);
        for (int i = 0; i < 3000; i++) {
            fast.recordValue(20_000 + i);
        }
        Baseline baseline = Baseline.ofOneRun("0.1.0-test", "main@abc", "vm", "vendor", "17", "test",
                Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:00:10Z"), 2,
                List.of(BaselineProbe.ofOneRun("a", "p", List.of(), 3000, 0, 0, ProbeHistograms.latencyOnly(fast))),
                Optional.empty());
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, new BaselineVerdicts(baseline, RegressionRules.DEFAULT));

        JsonNode json = snapshot(views.of(snapshots.next(false, new Calls(0, "a", latencies(200_000, 210_000, 3000), 0))));

        assertThat(json.get("baseline").get("label").asText()).isEqualTo("main@abc");
        assertThat(json.get("probes").get(0).get("regression").get("status").asText()).isEqualTo("regressed");
        assertThat(json.get("probes").get(0).get("regression").get("metrics").get(0).get("metric").asText()).isEqualTo("p50");
    }

    @Test
    void namesThatLookLikeMarkupAreEscapedSoTheReportCannotBeBrokenOutOf() throws IOException {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, SECOND, null);
        DashboardView view = views.of(snapshots.next(true, new Calls(0, "</script><script>alert(1)</script>&",
                latencies(1, 2, 2), 1)));

        String json = new String(DashboardJson.bytes(out -> DashboardJson.report(out, view)), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("<", ">", "&").contains("\\u003C/script\\u003E");
        assertThat(JSON.readTree(json).get("snapshot").get("probes").get(0).get("name").asText())
                .isEqualTo("</script><script>alert(1)</script>&");
    }
}
