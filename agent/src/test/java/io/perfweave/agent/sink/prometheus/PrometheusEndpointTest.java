package io.perfweave.agent.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfweave.agent.sink.prometheus.MetricFamily.Sample;
import io.perfweave.agent.sink.prometheus.MetricFamily.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<MetricFamily> FAMILIES = List.of(new MetricFamily("test_calls", Type.COUNTER, null,
            "Calls.", List.of(new Sample("_total", List.of(), "7"))));

    private PrometheusEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private HttpResponse<byte[]> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesTheLastPublishedFamiliesInTheTextFormatByDefault() throws Exception {
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0);
        assertThat(body(request("GET", "/metrics"))).as("nothing published yet").isEmpty();

        endpoint.publish(FAMILIES);
        HttpResponse<byte[]> response = request("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(body(response)).isEqualTo("# HELP test_calls_total Calls.\n# TYPE test_calls_total counter\ntest_calls_total 7\n");
    }

    @Test
    void servesOpenMetricsWhenTheAcceptHeaderAsksForIt() throws Exception {
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0);
        endpoint.publish(FAMILIES);

        HttpResponse<byte[]> response = request("GET", "/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

        assertThat(response.headers().firstValue("Content-Type"))
                .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(body(response)).startsWith("# TYPE test_calls counter\n").endsWith("test_calls_total 7\n# EOF\n");
    }

    @Test
    void compressesWhenTheScraperAcceptsGzip() throws Exception {
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0);
        endpoint.publish(FAMILIES);

        HttpResponse<byte[]> response = request("GET", "/metrics", "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("test_calls_total 7\n");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0);

        assertThat(request("GET", "/").statusCode()).isEqualTo(404);
        assertThat(body(request("GET", "/metricz"))).contains("/metrics");
        HttpResponse<byte[]> post = request("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<byte[]> head = request("HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void everyThreadItStartsIsADaemonNamedPerfweavePrometheus() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0);
        request("GET", "/metrics");

        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        started.removeIf(thread -> thread.getName().startsWith("HttpClient-") || thread.getName().contains("ForkJoinPool"));
        assertThat(started).isNotEmpty().allSatisfy(thread -> {
            assertThat(thread.getName()).startsWith("perfweave-prometheus");
            assertThat(thread.isDaemon()).as(thread.getName()).isTrue();
        });
        assertThat(started).extracting(Thread::getName).contains("perfweave-prometheus");
    }

    @Test
    void aTakenPortFailsWithTheReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PrometheusEndpoint.start("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void anUnresolvableHostFailsWithItsName() {
        assertThatThrownBy(() -> PrometheusEndpoint.start("no-such-host.invalid", 0))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-host.invalid");
    }
}
