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
        JsonNode jvm = json.get("jvmHealth");
        assertThat(jvm.get("heapUsedBytes").asLong()).isPositive();
        assertThat(jvm.get("threads").asInt()).isPositive();
        assertThat(jvm.get("gc").size()).isPositive();
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
