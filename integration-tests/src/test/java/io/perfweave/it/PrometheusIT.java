package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.ExternalTool;
import io.perfweave.it.support.FreePort;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.PrometheusServer;
import io.perfweave.it.support.Promtool;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.support.Scrape;
import io.perfweave.it.workload.CountingApp;
import io.perfweave.it.workload.ServingApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Prometheus endpoint as users run it: scraped by a real Prometheus server, checked by promtool,
 * and with figures equal to the application's own counts and to the agent's JSON report.
 */
class PrometheusIT {

    private static final String W = "io.perfweave.it.workload.";
    private static final int CALLS = 3000;
    private static final String FLAKY = "{probe=\"flaky\"}";
    private static final String SPIN = "{probe=\"spin\"}";
    private static final String ALLOC = "{probe=\"alloc\"}";
    /** The {@code @Profiled} probe, with the labels of the method it annotates. */
    private static final String SERVED = "{probe=\"served\",class=\"" + W + "ServingApp\",method=\"serve\"}";
    private static final List<String> SAMPLE_APP_PROBES = List.of("handle", "parse", "fraud", "reserve", "price", "save");
    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(60);

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aRealPrometheusScrapesTheCountersAndQuantilesOfTheJsonReport(Jdk jdk) throws IOException {
        Path prometheus = ExternalTool.require("prometheus");
        Path promtool = ExternalTool.require("promtool");
        int agentPort = FreePort.pick();
        AgentJvm jvm = AgentJvm.on(jdk, "prometheus")
                .config("probe.flaky.method = " + W + "Flaky#maybeFail",
                        "probe.spin.method = " + W + "BusyWorker#spin",
                        "probe.alloc.method = " + W + "Allocator#sized",
                        "probe.alloc.allocations = true",
                        "reporter.interval = 200ms",
                        "report.console = false",
                        "prometheus.port = " + agentPort,
                        "prometheus.summary.window = 10m")
                .main(ServingApp.class, Integer.toString(CALLS));

        Map<String, Double> scraped = new HashMap<>();
        RunningJvm child = jvm.start();
        ChildRun run;
        try (child; PrometheusServer server = PrometheusServer.start(prometheus, jvm.directory().resolve("prometheus"), agentPort)) {
            await("the child's work").atMost(SCRAPED_WITHIN).until(() -> child.stdoutSoFar().contains("it: idle") || !child.isAlive());
            assertThat(child.isAlive()).as(child.stderrSoFar()).isTrue();

            String text = await("the endpoint's final figures").atMost(SCRAPED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> Scrape.text(agentPort), body -> body.contains("perfweave_probe_calls_total{probe=\"spin\"")
                            && body.contains("class=\"" + W + "BusyWorker\",method=\"spin\"} " + CALLS + "\n"));
            Files.writeString(jvm.directory().resolve("scrape.txt"), text);
            assertThat(text).as("what promtool is to check").contains(
                    "perfweave_probe_allocated_bytes_count{probe=\"alloc\",class=\"" + W + "Allocator\",method=\"sized\"} " + CALLS + "\n",
                    "perfweave_probe_calls_total" + SERVED + " " + CALLS + "\n");
            Promtool.assertAccepts(promtool, text, jvm.directory());

            await("Prometheus scraping the final figures").atMost(SCRAPED_WITHIN).pollInterval(Duration.ofMillis(250))
                    .failFast(() -> !child.isAlive())
                    .untilAsserted(() -> assertThat(server.single("perfweave_probe_calls_total" + SPIN))
                            .as("targets: %s", server.targets()).isEqualTo(CALLS));
            scraped.put("flaky calls", server.single("perfweave_probe_calls_total" + FLAKY));
            scraped.put("flaky errors", server.single("perfweave_probe_errors_total" + FLAKY));
            scraped.put("spin errors", server.single("perfweave_probe_errors_total" + SPIN));
            for (String quantile : new String[] {"0.5", "0.9", "0.99", "0.999"}) {
                scraped.put("spin p" + quantile, server.single(
                        "perfweave_probe_latency_quantiles_seconds{probe=\"spin\",quantile=\"" + quantile + "\"}"));
            }
            scraped.put("spin summary count", server.single("perfweave_probe_latency_quantiles_seconds_count" + SPIN));
            scraped.put("spin histogram count", server.single("perfweave_probe_latency_seconds_count" + SPIN));
            scraped.put("spin +Inf", server.single("perfweave_probe_latency_seconds_bucket{probe=\"spin\",le=\"+Inf\"}"));
            scraped.put("spin p99 from buckets", server.single(
                    "histogram_quantile(0.99, perfweave_probe_latency_seconds_bucket" + SPIN + ")"));
            scraped.put("woven", server.single("perfweave_probe_woven_methods" + SPIN));
            scraped.put("served calls", server.single("perfweave_probe_calls_total" + SERVED));
            for (String quantile : new String[] {"0.5", "0.9", "0.99"}) {
                scraped.put("alloc p" + quantile, server.single(
                        "perfweave_probe_allocated_bytes{probe=\"alloc\",quantile=\"" + quantile + "\"}"));
            }
            scraped.put("alloc sum", server.single("perfweave_probe_allocated_bytes_sum" + ALLOC));
            scraped.put("alloc count", server.single("perfweave_probe_allocated_bytes_count" + ALLOC));
            scraped.put("dropped", server.single("perfweave_agent_dropped_records_total"));
            scraped.put("info", server.single("perfweave_agent_info"));
            assertThat(server.query("perfweave_agent_report_duration_seconds")).hasSize(1);
            assertThat(server.query("perfweave_agent_ring_fill_ratio")).hasSize(1);
            child.closeInput();
            run = child.awaitExit(SCRAPED_WITHIN);
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();

        JsonNode spin = run.probe("spin");
        JsonNode latency = spin.get("latencyNanos");
        assertThat(scraped.get("flaky calls")).isEqualTo(run.printed("it: ", "flaky"));
        assertThat(scraped.get("flaky errors")).isEqualTo(run.printed("it: ", "flaky-failures")).isPositive();
        assertThat(scraped.get("flaky calls")).isEqualTo(run.probe("flaky").get("count").asDouble());
        assertThat(scraped.get("spin errors")).isZero();
        assertThat(seconds(latency, "p50")).isEqualTo(scraped.get("spin p0.5"));
        assertThat(seconds(latency, "p90")).isEqualTo(scraped.get("spin p0.9"));
        assertThat(seconds(latency, "p99")).isEqualTo(scraped.get("spin p0.99"));
        assertThat(seconds(latency, "p999")).isEqualTo(scraped.get("spin p0.999"));
        long samples = latency.get("samples").asLong();
        assertThat(scraped.get("spin summary count")).isEqualTo(samples);
        assertThat(scraped.get("spin histogram count")).isEqualTo(samples);
        assertThat(scraped.get("spin +Inf")).isEqualTo(samples);
        assertThat(scraped.get("spin p99 from buckets")).as("estimated from the buckets, at most one bucket off")
                .isBetween(seconds(latency, "p99") / 2.5, seconds(latency, "p99") * 2.5);
        assertThat(scraped.get("woven")).isEqualTo(1);
        assertThat(scraped.get("served calls")).isEqualTo(run.printed("it: ", "served"))
                .isEqualTo(run.probe("served").get("count").asDouble());
        JsonNode allocated = run.probe("alloc").get("allocatedBytes");
        assertThat(scraped.get("alloc p0.5")).isEqualTo(allocated.get("p50").asDouble()).isPositive();
        assertThat(scraped.get("alloc p0.9")).isEqualTo(allocated.get("p90").asDouble()).isGreaterThan(scraped.get("alloc p0.5"));
        assertThat(scraped.get("alloc p0.99")).isEqualTo(allocated.get("p99").asDouble()).isGreaterThan(scraped.get("alloc p0.9"));
        assertThat(scraped.get("alloc sum")).isEqualTo(allocated.get("total").asDouble());
        assertThat(scraped.get("alloc count")).isEqualTo(allocated.get("samples").asDouble()).isEqualTo(CALLS);
        assertThat(scraped.get("dropped")).isEqualTo(run.report().get("dropped").asDouble());
        assertThat(scraped.get("info")).isEqualTo(1);
    }

    /**
     * The sample app the README runs, under its shipped configuration plus an endpoint: what it serves
     * passes promtool, and a real Prometheus ingests the calls of every probe. Its figures are checked
     * exactly against its own counts by {@link SampleAppIT}, and the endpoint's against the JSON report
     * by the test above; one JDK is enough here.
     */
    @Test
    void aRealPrometheusScrapesTheSampleAppUnderItsShippedConfiguration() throws IOException {
        Path prometheus = ExternalTool.require("prometheus");
        Path promtool = ExternalTool.require("promtool");
        Jdk jdk = Jdks.all().get(0);
        int agentPort = FreePort.pick();
        Path shippedConfig = AgentJvm.sampleAppJar().getParent().getParent().resolve("perfweave.properties");
        AgentJvm jvm = AgentJvm.on(jdk, "sample-app-prometheus")
                .agentArgument("config=" + shippedConfig)
                .agentArgument("prometheus.port=" + agentPort)
                // Runs until the test is done with it (closing it kills it), long enough for any slow machine.
                .jar(AgentJvm.sampleAppJar(), "--duration", "3m", "--threads", "1");
        try (RunningJvm child = jvm.start();
             PrometheusServer server = PrometheusServer.start(prometheus, jvm.directory().resolve("prometheus"), agentPort)) {
            String text = await("every probe on the endpoint").atMost(SCRAPED_WITHIN).pollInterval(Duration.ofMillis(250))
                    .failFast(() -> !child.isAlive())
                    .until(() -> Scrape.text(agentPort), body -> SAMPLE_APP_PROBES.stream()
                            .allMatch(probe -> body.contains("perfweave_probe_calls_total{probe=\"" + probe + "\"")));
            Files.writeString(jvm.directory().resolve("scrape.txt"), text);
            assertThat(text).as("what promtool is to check").contains(
                    "perfweave_probe_allocated_bytes_count{probe=\"parse\"", "perfweave_probe_allocated_bytes_count{probe=\"save\"");
            Promtool.assertAccepts(promtool, text, jvm.directory());

            await("Prometheus ingesting every probe's calls").atMost(SCRAPED_WITHIN).pollInterval(Duration.ofMillis(250))
                    .failFast(() -> !child.isAlive())
                    .untilAsserted(() -> {
                        for (String probe : SAMPLE_APP_PROBES) {
                            // isNotNaN first: NaN (no such series yet) counts as positive to AssertJ, which compares doubles.
                            assertThat(server.single("perfweave_probe_calls_total{probe=\"" + probe + "\"}"))
                                    .as("%s; targets: %s", probe, server.targets()).isNotNaN().isPositive();
                        }
                        assertThat(server.single("perfweave_probe_allocated_bytes_count{probe=\"save\"}")).isNotNaN().isPositive();
                    });
            assertThat(server.single("perfweave_probe_woven_methods{probe=\"parse\","
                    + "class=\"io.perfweave.sample.RequestParser\",method=\"parse(String)\"}")).isEqualTo(1);
        }
    }

    /** Prometheus asks for OpenMetrics, so the test above covers it on every JDK; this one checks the details once. */
    @Test
    void theEndpointSpeaksOpenMetricsWhenAsked() {
        Jdk jdk = Jdks.all().get(0);
        int agentPort = FreePort.pick();
        AgentJvm jvm = AgentJvm.on(jdk, "openmetrics")
                .config("probe.flaky.method = " + W + "Flaky#maybeFail",
                        "reporter.interval = 100ms",
                        "prometheus.port = " + agentPort)
                .main(ServingApp.class, "100");
        try (RunningJvm child = jvm.start()) {
            HttpResponse<String> response = await().atMost(SCRAPED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> openMetrics(agentPort), r -> r != null && r.body().contains("perfweave_probe_calls_total{probe=\"flaky\""));
            assertThat(response.headers().firstValue("Content-Type")).contains(
                    "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(response.body()).contains("# TYPE perfweave_probe_calls counter\n",
                    "# UNIT perfweave_probe_latency_seconds seconds\n", "# TYPE perfweave_agent info\n").endsWith("# EOF\n");
            child.closeInput();
            assertThat(child.awaitExit(SCRAPED_WITHIN).exitCode()).isZero();
        }
    }

    @Test
    void aTakenPortIsReportedAndTheApplicationRunsOn() throws IOException {
        Jdk jdk = Jdks.all().get(0);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChildRun run = AgentJvm.on(jdk, "port-taken")
                    .config("probe.flaky.method = " + W + "Flaky#maybeFail",
                            "prometheus.port = " + taken.getLocalPort())
                    .main(CountingApp.class, "1", "1000")
                    .run();

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stderrLineContaining("prometheus.port: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()))
                    .as(run.describe()).isPresent();
            assertThat(run.probe("flaky").get("count").asLong()).isEqualTo(run.printed("it: ", "flaky"));
        }
    }

    private static HttpResponse<String> openMetrics(int port) {
        try {
            return Scrape.metrics(port, "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double seconds(JsonNode latency, String field) {
        return latency.get(field).asLong() / 1e9;
    }
}
