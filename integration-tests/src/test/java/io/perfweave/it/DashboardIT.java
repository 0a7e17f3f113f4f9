package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.Browser;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.FreePort;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.RunningJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live dashboard and the HTML report, looked at in a real browser (Debian's headless Chromium)
 * while the sample app runs under the agent: what the page shows must be what the JSON API says,
 * and the report written at exit must show the probes of the JSON report.
 */
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Set<String> SAMPLE_PROBES = Set.of("handle", "parse", "fraud", "reserve", "price", "save");
    private static final Duration WITHIN = Duration.ofSeconds(90);
    /** The page's state in one script, so that the sequence and the figures come from the same rendering. */
    private static final String TABLE = """
            const rows = {};
            document.querySelectorAll('#probe-rows tr[data-probe]').forEach(tr => {
              rows[tr.dataset.probe] = Number(tr.querySelector('td[data-field=count]').dataset.value);
            });
            return { sequence: Number(document.getElementById('status').dataset.sequence), rows: rows };
            """;
    private static final String HISTORY_CHART = """
            const svg = document.querySelector('#history-chart svg');
            return svg ? [Number(svg.dataset.sequence), Number(svg.dataset.points)] : null;
            """;

    /** The table's order and the header's sort mark, from one rendering. */
    private static final String ORDER = """
            const column = arguments[0];
            const sorted = document.querySelector('#probe-head th.sorted');
            return {
              key: sorted ? sorted.dataset.key : null,
              ascending: sorted ? sorted.classList.contains('asc') : null,
              names: [...document.querySelectorAll('#probe-rows tr[data-probe]')].map(tr => tr.dataset.probe),
              values: [...document.querySelectorAll('#probe-rows tr[data-probe] td[data-field=' + column + ']')]
                  .map(td => Number(td.dataset.value))
            };
            """;

    private static Path shippedConfig() {
        return AgentJvm.sampleAppJar().getParent().getParent().resolve("perfweave.properties");
    }

    private static Path artifacts() {
        return Path.of(System.getProperty("perfweave.it.workDir", "target/it-work")).toAbsolutePath().getParent();
    }

    private static HttpResponse<String> get(String url, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Browser browser) {
        return (Map<String, Object>) browser.script(TABLE);
    }

    private static Map<String, Long> counts(Map<String, Object> table) {
        Map<String, Long> counts = new HashMap<>();
        ((Map<String, Object>) table.get("rows")).forEach((probe, count) -> counts.put(probe, ((Number) count).longValue()));
        return counts;
    }

    @ParameterizedTest
    @SuppressWarnings("unchecked")
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void thePageShowsWhatTheApiSaysAndTheReportAtExitShowsTheSameProbes(Jdk jdk) {
        int port = FreePort.pick();
        AgentJvm jvm = AgentJvm.on(jdk, "dashboard")
                .agentArgument("config=" + shippedConfig())
                .agentArgument("reporter.interval=1s")
                .agentArgument("report.console=false")
                .agentArgument("dashboard.port=" + port)
                .agentArgument("report.html=report.html")
                .jar(AgentJvm.sampleAppJar(), "--duration", "10m", "--threads", "2");
        String page = "http://localhost:" + port + "/";
        RunningJvm child = jvm.start();
        ChildRun run;
        try (child; Browser browser = Browser.start(jvm.directory().resolve("chromium-profile"))) {
            await("the dashboard").atMost(WITHIN).failFast(() -> !child.isAlive())
                    .until(() -> child.stderrSoFar().contains("dashboard at http://127.0.0.1:" + port + "/"));
            await("the sample app's calls in the API").atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                    .failFast(() -> !child.isAlive())
                    .until(() -> apiSnapshot(page), s -> s != null && s.get("probes").findValues("count").stream()
                            .allMatch(c -> c.asLong() > 0) && s.get("probes").size() == SAMPLE_PROBES.size());

            browser.open(page);
            await("the probe table").atMost(WITHIN).until(() -> counts(table(browser)).keySet(), SAMPLE_PROBES::equals);

            // The page and the API agree whenever they show the same interval.
            await("the page and the API on the same interval").atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        Map<String, Object> shown = table(browser);
                        JsonNode api = apiSnapshot(page);
                        assertThat(((Number) shown.get("sequence")).longValue()).isEqualTo(api.get("sequence").asLong());
                        Map<String, Long> apiCounts = new HashMap<>();
                        api.get("probes").forEach(p -> apiCounts.put(p.get("name").asText(), p.get("count").asLong()));
                        assertThat(counts(shown)).isEqualTo(apiCounts);
                    });

            // A click on a header sorts by that column; a second click reverses the order.
            clickHeader(browser, "p99");
            await("sorted by p99").atMost(WITHIN).untilAsserted(() -> {
                Map<String, Object> order = order(browser, "p99");
                assertThat(order.get("key")).isEqualTo("p99");
                assertThat(order.get("ascending")).isEqualTo(false);
                assertThat((List<Long>) order.get("values")).hasSize(SAMPLE_PROBES.size())
                        .isSortedAccordingTo(Comparator.reverseOrder());
            });
            clickHeader(browser, "name");
            await("sorted by name").atMost(WITHIN).untilAsserted(() -> assertThat((List<String>) order(browser, "name")
                    .get("names")).containsExactlyElementsOf(new TreeSet<>(SAMPLE_PROBES)));
            clickHeader(browser, "name");
            await("sorted by name, reversed").atMost(WITHIN).untilAsserted(() -> {
                Map<String, Object> order = order(browser, "name");
                assertThat(order.get("ascending")).isEqualTo(false);
                assertThat((List<String>) order.get("names"))
                        .containsExactlyElementsOf(new TreeSet<>(SAMPLE_PROBES).descendingSet());
            });

            List<?> before = (List<?>) browser.script(HISTORY_CHART);
            assertThat(before).as("the selected probe's chart").isNotNull();
            await("the percentile chart taking in the next interval").atMost(WITHIN)
                    .until(() -> (List<?>) browser.script(HISTORY_CHART), now -> now != null
                            && ((Number) now.get(0)).longValue() > ((Number) before.get(0)).longValue()
                            && ((Number) now.get(1)).longValue() > ((Number) before.get(1)).longValue());
            assertThat((Long) browser.script("return document.querySelectorAll('#spectrum-chart svg path[data-series]').length"))
                    .as("the distribution since start and of the last interval").isEqualTo(2);
            assertThat((Long) browser.script("return document.querySelectorAll('#tree-rows tr[data-probe]').length"))
                    .as("the call tree: handle and its five callees").isEqualTo(6);
            browser.screenshot(artifacts().resolve("dashboard-jdk" + jdk.feature() + ".png"));
            assertThat(browser.consoleErrors()).as("the live page's console").isEmpty();
            browser.open("about:blank"); // a page still polling the exiting JVM would log its failed fetches
            browser.console();

            child.terminate();
            run = child.awaitExit(WITHIN);

            Path report = jvm.directory().resolve("report.html");
            assertThat(report).as(run.describe()).isRegularFile();
            browser.open(report.toUri().toString());
            await("the report's table").atMost(WITHIN).until(() -> counts(table(browser)).keySet(), SAMPLE_PROBES::equals);
            Map<String, Long> expected = new HashMap<>();
            run.report().get("probes").forEach(p -> expected.put(p.get("name").asText(), p.get("count").asLong()));
            assertThat(counts(table(browser))).as("the report.html and report.json of the same exit").isEqualTo(expected);
            assertThat((Long) browser.script(
                    "return [...document.querySelectorAll('#distribution-grid svg')].filter(s => Number(s.dataset.points) > 0).length"))
                    .as("a distribution chart per probe").isEqualTo((long) SAMPLE_PROBES.size());
            browser.screenshot(artifacts().resolve("dashboard-report-jdk" + jdk.feature() + ".png"));
            assertThat(browser.consoleErrors()).as("the report's console").isEmpty();
        }
        assertThat(run.stderr()).as(run.describe()).contains("dashboard at http://127.0.0.1:" + port + "/",
                "HTML report written to");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> order(Browser browser, String column) {
        return (Map<String, Object>) browser.script(ORDER, column);
    }

    /** A real click on a column's header; the page redraws its table every interval, so a header found may go stale before the click. */
    private static void clickHeader(Browser browser, String column) {
        await("a click on the " + column + " header").atMost(WITHIN).ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    browser.driver().findElement(By.cssSelector("#probe-head th[data-key='" + column + "']")).click();
                    return true;
                });
    }

    private static JsonNode apiSnapshot(String page) {
        HttpResponse<String> response = get(page + "api/snapshot");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode snapshot = json(response.body());
        return snapshot.get("sequence").asLong() == 0 ? null : snapshot;
    }

    @Test
    void withATokenThePageCarriesItAndEverythingElseIsRefused() throws IOException {
        Jdk jdk = Jdks.all().get(0);
        int port = FreePort.pick();
        AgentJvm jvm = AgentJvm.on(jdk, "dashboard-token")
                .agentArgument("config=" + shippedConfig())
                .agentArgument("reporter.interval=500ms")
                .agentArgument("report.console=false")
                .agentArgument("dashboard.port=" + port)
                .agentArgument("dashboard.token=k7-secret")
                .jar(AgentJvm.sampleAppJar(), "--duration", "10m");
        String base = "http://localhost:" + port;
        try (RunningJvm child = jvm.start(); Browser browser = Browser.start(jvm.directory().resolve("chromium-profile"))) {
            await("the dashboard").atMost(WITHIN).failFast(() -> !child.isAlive())
                    .until(() -> child.stderrSoFar().contains("dashboard at http://127.0.0.1:" + port + "/?token=<dashboard.token>"));
            assertThat(child.stderrSoFar()).doesNotContain("k7-secret");

            assertThat(get(base + "/").statusCode()).isEqualTo(401);
            assertThat(get(base + "/api/snapshot").statusCode()).isEqualTo(401);
            assertThat(get(base + "/api/snapshot", "Authorization", "Bearer k7-secret").statusCode()).isEqualTo(200);
            assertThat(rawStatus(port, "attacker.example:" + port, "k7-secret")).as("a rebound Host, even with the token")
                    .isEqualTo(403);
            assertThat(rawStatus(port, "127.0.0.1:" + port, "k7-secret")).isEqualTo(200);

            browser.open(base + "/?token=k7-secret");
            await("the table, fetched with the token").atMost(WITHIN)
                    .until(() -> counts(table(browser)).keySet(), SAMPLE_PROBES::equals);
            assertThat(browser.consoleErrors()).as("the page's console").isEmpty();
        }
    }

    /** The status of a GET of /api/snapshot with this Host header, which HTTP clients do not let a caller set. */
    private static int rawStatus(int port, String host, String token) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/snapshot HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
