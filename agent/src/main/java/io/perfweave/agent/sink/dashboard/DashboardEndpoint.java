package io.perfweave.agent.sink.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.perfweave.agent.sink.DaemonHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Serves the dashboard: the page at {@code /}, the last published {@link DashboardView} as JSON at
 * {@code /api/snapshot}, and one probe's history and distribution at {@code /api/probes/<name>}
 * (documented in {@code docs/dashboard.md}). Every request passes the {@link RequestGuard} first.
 *
 * <p>Threads: the reporter publishes an immutable view (one volatile write per interval, see
 * {@link DashboardSink}); requests are handled one at a time on the daemon thread
 * {@code perfweave-dashboard}, which only reads the last view. A page that polls costs the reporter nothing.
 */
public final class DashboardEndpoint implements AutoCloseable {

    static final String THREAD_NAME = "perfweave-dashboard";
    private static final String PROBES = "/api/probes/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final byte[] NO_SNAPSHOT_YET = "{\"sequence\":0}".getBytes(StandardCharsets.UTF_8);

    private final Supplier<DashboardView> latest;
    private final DashboardPage page;
    private volatile RequestGuard guard;
    private DaemonHttpServer server;

    private DashboardEndpoint(DashboardPage page, Supplier<DashboardView> latest) {
        this.page = page;
        this.latest = latest;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port).
     *
     * @param token  {@code dashboard.token}, required on every request when present
     * @param latest the view to serve, {@code null} until the first interval ends; called on the HTTP thread
     * @throws IOException when the address cannot be resolved or bound
     */
    public static DashboardEndpoint start(String host, int port, Optional<String> token, Supplier<DashboardView> latest)
            throws IOException {
        DashboardEndpoint endpoint = new DashboardEndpoint(DashboardPage.load(), latest);
        endpoint.server = DaemonHttpServer.start(THREAD_NAME, new InetSocketAddress(host, port), endpoint::handle);
        InetSocketAddress bound = endpoint.server.address();
        endpoint.guard = new RequestGuard(bound, host, bound.getAddress().isAnyLocalAddress() ? machineNames() : Set.of(),
                token);
        return endpoint;
    }

    /** The machine's own names, which a browser may use to reach a dashboard listening on every interface. */
    private static Set<String> machineNames() {
        Set<String> names = new HashSet<>();
        try {
            InetAddress self = InetAddress.getLocalHost();
            names.add(self.getHostName());
            names.add(self.getCanonicalHostName());
        } catch (UnknownHostException | RuntimeException e) {
            // no name known for this machine: addresses and localhost still work
        }
        return names;
    }

    /** The address actually listened on; with port 0, the port chosen. */
    public InetSocketAddress address() {
        return server.address();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers request = exchange.getRequestHeaders();
            RequestGuard current = guard;
            Optional<RequestGuard.Refusal> refusal = current == null
                    ? Optional.of(new RequestGuard.Refusal(503, "starting"))
                    : current.check(exchange.getRequestMethod(), request.getFirst("Host"),
                            request.getFirst("Authorization"), exchange.getRequestURI().getRawQuery());
            if (refusal.isPresent()) {
                if (refusal.get().status() == 405) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                } else if (refusal.get().status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"perfweave\"");
                }
                respond(exchange, refusal.get().status(), "text/plain; charset=utf-8",
                        (refusal.get().reason() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        DashboardView view = latest.get();
        if (path.equals("/") || path.equals("/index.html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", page.contentSecurityPolicy());
            respond(exchange, 200, "text/html; charset=utf-8", page.live());
        } else if (path.equals("/api/snapshot")) {
            respond(exchange, 200, JSON, view == null ? NO_SNAPSHOT_YET
                    : DashboardJson.bytes(json -> DashboardJson.snapshot(json, view)));
        } else if (path.startsWith(PROBES) && path.length() > PROBES.length()) {
            String name = path.substring(PROBES.length());
            Optional<ProbeView> probe = view == null ? Optional.empty() : view.probe(name);
            if (probe.isEmpty()) {
                respond(exchange, 404, JSON, DashboardJson.bytes(json -> {
                    json.writeStartObject();
                    json.writeStringField("error", "no probe named '" + name + "'");
                    json.writeEndObject();
                }));
            } else {
                respond(exchange, 200, JSON, DashboardJson.bytes(json -> DashboardJson.probeDetail(json, view, probe.get())));
            }
        } else {
            respond(exchange, 404, "text/plain; charset=utf-8",
                    "not found: the dashboard serves /, /api/snapshot and /api/probes/<name>\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening and ends the endpoint's threads. */
    @Override
    public void close() {
        server.close();
    }
}
