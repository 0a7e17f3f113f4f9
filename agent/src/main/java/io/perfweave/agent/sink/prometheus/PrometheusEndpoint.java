package io.perfweave.agent.sink.prometheus;

import com.sun.net.httpserver.HttpExchange;
import io.perfweave.agent.sink.DaemonHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * Serves {@code GET /metrics} on the JDK's own HTTP server: the metric families last published by
 * {@link PrometheusSink}, in OpenMetrics when the scraper's {@code Accept} header asks for it and in
 * the Prometheus text format otherwise, gzip-compressed when the scraper accepts that.
 *
 * <p>Threads: the reporter publishes an immutable list (one volatile write per interval); requests
 * are handled one at a time on one daemon thread, {@code perfweave-prometheus}, which only reads
 * the last list. A scrape never touches the reporter's statistics and never waits for it. The
 * server's own threads are daemons named {@code perfweave-prometheus-<name>} ({@link DaemonHttpServer}).
 */
public final class PrometheusEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";
    private static final String THREAD_NAME = "perfweave-prometheus";

    private final AtomicReference<List<MetricFamily>> families = new AtomicReference<>(List.of());
    private DaemonHttpServer server;

    private PrometheusEndpoint() {
    }

    /**
     * Listens on {@code host:port} (port 0: any free port).
     *
     * @throws IOException when the address cannot be resolved or bound, for example because the port is taken
     */
    public static PrometheusEndpoint start(String host, int port) throws IOException {
        PrometheusEndpoint endpoint = new PrometheusEndpoint();
        endpoint.server = DaemonHttpServer.start(THREAD_NAME, new InetSocketAddress(host, port), endpoint::handle);
        return endpoint;
    }

    /** The address actually listened on; with port 0, the port chosen. */
    public InetSocketAddress address() {
        return server.address();
    }

    void publish(List<MetricFamily> latest) {
        families.set(latest);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                respond(exchange, 404, "text/plain; charset=utf-8", "Perfweave serves its metrics at " + PATH + "\n", false);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "use GET\n", false);
            } else {
                ExpositionFormat format = ExpositionFormat.negotiate(exchange.getRequestHeaders().getFirst("Accept"));
                String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
                boolean gzip = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
                respond(exchange, 200, format.contentType, ExpositionWriter.write(families.get(), format), gzip);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body, boolean gzip)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(status, head ? -1 : 0);
            if (!head) {
                try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                    out.write(bytes);
                }
            }
        } else {
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** Stops listening and ends the endpoint's threads. */
    @Override
    public void close() {
        server.close();
    }
}
