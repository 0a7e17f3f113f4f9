package io.perfweave.it.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code /usr/bin/prometheus}) scraping one target on loopback
 * every second, with its storage and logs in a directory of the test's own. Stopped by {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path directory;

    private PrometheusServer(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** Starts Prometheus on a free loopback port, scraping {@code 127.0.0.1:targetPort/metrics}, and waits until it is ready. */
    public static PrometheusServer start(Path binary, Path directory, int targetPort) {
        int port = FreePort.pick();
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  scrape_timeout: 1s",
                    "  evaluation_interval: 1s",
                    "scrape_configs:",
                    "  - job_name: perfweave",
                    "    static_configs:",
                    "      - targets: ['127.0.0.1:" + targetPort + "']",
                    ""));
            Process process = new ProcessBuilder(List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"))
                    .directory(directory.toFile())
                    .redirectOutput(directory.resolve("prometheus.out").toFile())
                    .redirectError(directory.resolve("prometheus.err").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, port, directory);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> !process.isAlive() || server.get("/-/ready").statusCode() == 200);
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + server.log());
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An instant query through the HTTP API.
     *
     * @return the {@code data.result} array: one element per series, with {@code metric} and {@code value}
     */
    public JsonNode query(String promql) {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError("query " + promql + " failed: " + response.body());
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a query that yields one series, or {@code NaN} while it yields none. */
    public double single(String promql) {
        JsonNode result = query(promql);
        if (result.size() == 0) {
            return Double.NaN;
        }
        if (result.size() > 1) {
            throw new AssertionError(promql + " yields " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** The scrape target as Prometheus sees it: health, last error, and the URL. */
    public String targets() {
        return get("/api/v1/targets").body();
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("prometheus.err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
