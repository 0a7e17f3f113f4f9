package io.perfweave.agent.sink.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * Serves {@code GET /metrics} on the JDK's own HTTP server: the metric families last published by
 * {@link PrometheusSink}, in OpenMetrics when the scraper's {@code Accept} header asks for it and in
 * the Prometheus text format otherwise, gzip-compressed when the scraper accepts that.
 *
 * <p>Threads: the reporter publishes an immutable list (one volatile write per interval); requests
 * are handled one at a time on one daemon thread, {@code perfweave-prometheus}, which only reads
 * the last list. A scrape never touches the reporter's statistics and never waits for it. The JDK
 * server also starts a dispatcher thread and timer threads of its own; they inherit daemon status
 * from the thread that creates the server, so the server is created on a daemon thread, and they
 * are renamed {@code perfweave-prometheus-<name>} so that a thread dump says whose they are.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";
    private static final String THREAD_NAME = "perfweave-prometheus";

    private final AtomicReference<List<MetricFamily>> families = new AtomicReference<>(List.of());
    private final ExecutorService executor;
    private HttpServer server;

    private PrometheusEndpoint() {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Listens on {@code host:port} (port 0: any free port).
     *
     * @throws IOException when the address cannot be resolved or bound, for example because the port is taken
     */
    public static PrometheusEndpoint start(String host, int port) throws IOException {
        PrometheusEndpoint endpoint = new PrometheusEndpoint();
        try {
            endpoint.startServer(host, port);
        } catch (IOException | RuntimeException e) {
            endpoint.executor.shutdownNow();
            throw e;
        }
        return endpoint;
    }

    private void startServer(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve host '" + host + "'");
        }
        ThreadGroup group = new ThreadGroup(THREAD_NAME);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                HttpServer created = HttpServer.create(address, 16);
                created.createContext("/", this::handle);
                created.setExecutor(executor);
                created.start();
                server = created;
            } catch (Throwable t) {
                failure.set(t);
            }
        }, THREAD_NAME + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the endpoint", e);
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        } else if (t != null) {
            throw new IOException(t.toString(), t);
        }
        nameServerThreads(group, starter);
    }

    private static void nameServerThreads(ThreadGroup group, Thread starter) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != starter && !thread.getName().startsWith("perfweave-")) {
                thread.setName(THREAD_NAME + "-" + thread.getName());
            }
        }
    }

    /** The address actually listened on; with port 0, the port chosen. */
    public InetSocketAddress address() {
        return server.getAddress();
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
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
