package io.perfweave.agent.sink.dashboard;

import static io.perfweave.agent.sink.dashboard.TestSnapshots.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.agent.config.DashboardConfig;
import io.perfweave.agent.sink.dashboard.TestSnapshots.Calls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DashboardSinkTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long dashboardThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(DashboardEndpoint.THREAD_NAME)).count();
    }

    private static String get(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    @Test
    void servesEachIntervalsViewAndCloseStopsEveryThread() throws IOException {
        int port = freePort();
        DashboardSink sink = DashboardSink.start(new DashboardConfig(OptionalInt.of(port), "127.0.0.1", Optional.empty()),
                new DashboardViews(TestSnapshots.RUN, 1_000_000_000L, null));
        TestSnapshots snapshots = new TestSnapshots();
        try {
            await().until(() -> get(port, "/api/snapshot"), body -> body.equals("200 {\"sequence\":0}"));
            sink.onInterval(snapshots.next(false, new Calls(0, "checkout", latencies(10, 20, 7), 0)));
            assertThat(get(port, "/api/snapshot")).startsWith("200 {\"sequence\":1,").contains("\"count\":7");
            sink.onFinal(snapshots.next(true, new Calls(0, "checkout", latencies(10, 20, 3), 0)));
            assertThat(get(port, "/api/snapshot")).startsWith("200 {\"sequence\":2,\"final\":true").contains("\"count\":10");
        } finally {
            sink.close();
        }
        await().until(() -> dashboardThreads() == 0);
        assertThat(get(port, "/api/snapshot")).contains("ConnectException");
    }

    @Test
    void aTakenPortLeavesTheSinkWorkingWithoutAnEndpoint() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DashboardSink sink = DashboardSink.start(new DashboardConfig(OptionalInt.of(taken.getLocalPort()), "127.0.0.1",
                    Optional.empty()), new DashboardViews(TestSnapshots.RUN, 1_000_000_000L, null));

            await().until(() -> dashboardThreads() == 0);
            sink.onInterval(new TestSnapshots().next(false, new Calls(0, "checkout", latencies(10, 20, 7), 0)));
            sink.close();
        }
    }
}
