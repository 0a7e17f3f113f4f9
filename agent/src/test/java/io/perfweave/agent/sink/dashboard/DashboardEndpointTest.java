package io.perfweave.agent.sink.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<DashboardView> view = new AtomicReference<>();
    private DashboardEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private int port() {
        return endpoint.address().getPort();
    }

    /** A raw HTTP/1.1 exchange, so that the test chooses the Host header (HTTP clients do not let it). */
    private Response send(String method, String path, String host, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                request.append("Host: ").append(host).append("\r\n");
            }
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return Response.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Response get(String path) throws IOException {
        return send("GET", path, "localhost:" + port());
    }

    record Response(int status, String headers, String body) {
        static Response parse(String text) {
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            return new Response(Integer.parseInt(head.substring(9, 12)), head, text.substring(split + 4));
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    private void startWith(Optional<String> token) throws IOException {
        endpoint = DashboardEndpoint.start("127.0.0.1", 0, token, view::get);
    }

    private static DashboardView someView() {
        DashboardViews views = new DashboardViews(TestSnapshots.RUN, 1_000_000_000L, null);
        TestSnapshots snapshots = new TestSnapshots();
        return views.of(snapshots.next(false, new TestSnapshots.Calls(0, "checkout",
                TestSnapshots.latencies(1_000, 50_000, 500), 3)));
    }

    @Test
    void servesTheSelfContainedPageWithAPolicyThatAllowsOnlyItsOwnScriptAndStyle() throws IOException {
        startWith(Optional.empty());

        Response page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; script-src 'sha256-")
                .contains("connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("<table id=\"probes\">", "fetchJson('/api/snapshot')")
                .doesNotContain("/*perfweave:", "<!--perfweave:data-->", "perfweave-data\">");
        assertThat(page.body().replace("http://www.w3.org/2000/svg", ""))
                .as("no external asset").doesNotContain("http://", "https://", "src=");
    }

    @Test
    void theSnapshotSaysSequenceZeroUntilTheFirstIntervalEnds() throws IOException {
        startWith(Optional.empty());

        Response response = get("/api/snapshot");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(response.body()).get("sequence").asLong()).isZero();
    }

    @Test
    void servesTheLatestViewAndEachProbesDetail() throws IOException {
        startWith(Optional.empty());
        view.set(someView());

        JsonNode snapshot = JSON.readTree(get("/api/snapshot").body());
        assertThat(snapshot.get("sequence").asLong()).isEqualTo(1);
        assertThat(snapshot.get("probes").get(0).get("name").asText()).isEqualTo("checkout");
        assertThat(snapshot.get("probes").get(0).get("count").asLong()).isEqualTo(500);

        Response detail = get("/api/probes/checkout");
        assertThat(detail.status()).isEqualTo(200);
        JsonNode json = JSON.readTree(detail.body());
        assertThat(json.get("history")).hasSize(1);
        assertThat(json.get("distribution").get("sinceStart").size()).isGreaterThan(10);

        Response missing = get("/api/probes/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("no probe named 'nope'");
        assertThat(get("/metrics").status()).isEqualTo(404);
    }

    @Test
    void refusesAForeignHostHeaderWith403() throws IOException {
        startWith(Optional.empty());
        view.set(someView());

        Response rebound = send("GET", "/api/snapshot", "attacker.example:" + port());

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).doesNotContain("checkout").contains("Host header");
        assertThat(send("GET", "/", "127.0.0.1:" + port()).status()).isEqualTo(200);
        assertThat(send("GET", "/", null).status()).as("no Host at all").isIn(400, 403);
    }

    @Test
    void withATokenRefusesRequestsWithoutItWith401() throws IOException {
        startWith(Optional.of("tok-123"));
        view.set(someView());

        Response without = get("/api/snapshot");
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(without.body()).doesNotContain("checkout");
        assertThat(send("GET", "/?token=tok-123", "localhost:" + port()).status()).isEqualTo(200);
        assertThat(send("GET", "/api/snapshot", "localhost:" + port(), "Authorization: Bearer tok-123").status())
                .isEqualTo(200);
        assertThat(send("GET", "/api/snapshot", "localhost:" + port(), "Authorization: Bearer tok-124").status())
                .isEqualTo(401);
    }

    @Test
    void answersOnlyGet() throws IOException {
        startWith(Optional.empty());

        Response post = send("POST", "/api/snapshot", "localhost:" + port(), "Content-Length: 0");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertThat(send("DELETE", "/", "localhost:" + port()).status()).isEqualTo(405);
    }

    @Test
    void closeStopsListeningAndEndsTheThreads() throws IOException {
        startWith(Optional.empty());
        int port = port();
        assertThat(threadsNamed("perfweave-dashboard")).isPositive();

        endpoint.close();
        endpoint = null;

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
        org.awaitility.Awaitility.await().until(() -> threadsNamed("perfweave-dashboard") == 0);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
