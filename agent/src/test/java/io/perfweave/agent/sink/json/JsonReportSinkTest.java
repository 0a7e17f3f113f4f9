package io.perfweave.agent.sink.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.report.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo("1.2.3", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium",
            "17.0.9+9", 4242, "/etc/app/perfweave.properties");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-05-01T10:05:30.250Z");

    @TempDir
    Path dir;

    private static ReportSnapshot snapshot(long checkoutCalls) {
        LatencySummary latency = new LatencySummary(checkoutCalls - 2, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_345.678);
        CallStats checkoutTotal = new CallStats(checkoutCalls, 3, 2, latency);
        CallStats none = new CallStats(0, 0, 0, LatencySummary.EMPTY);
        return new ReportSnapshot(START, Instant.parse("2024-05-01T10:05:00Z"), END, true, List.of(
                new ProbeSnapshot(0, "checkout", "com.acme.Checkout#process", List.of(
                        "com.acme.Checkout#process()", "com.acme.Checkout#process(java.lang.String,int[])"),
                        1, none, checkoutTotal, new Histogram(2), new Histogram(2)),
                new ProbeSnapshot(1, "idle", "com.acme.Idle#*", List.of(), 0, none, none, new Histogram(2), new Histogram(2))),
                2, ReporterHealth.NONE);
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void writesTheWholeRunAsJson() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(120));

        JsonNode root = JSON.readTree(report.toFile());
        assertThat(root.get("formatVersion").asInt()).isEqualTo(JsonReportSink.FORMAT_VERSION).isEqualTo(1);
        assertThat(root.get("agentVersion").asText()).isEqualTo("1.2.3");
        JsonNode jvm = root.get("jvm");
        assertThat(jvm.get("name").asText()).isEqualTo("OpenJDK 64-Bit Server VM");
        assertThat(jvm.get("vendor").asText()).isEqualTo("Eclipse Adoptium");
        assertThat(jvm.get("version").asText()).isEqualTo("17.0.9+9");
        assertThat(jvm.get("pid").isIntegralNumber()).isTrue();
        assertThat(jvm.get("pid").asLong()).isEqualTo(4242);
        assertThat(root.get("config").asText()).isEqualTo("/etc/app/perfweave.properties");
        assertThat(Instant.parse(root.get("startTime").asText())).isEqualTo(START);
        assertThat(Instant.parse(root.get("endTime").asText())).isEqualTo(END);
        assertThat(root.get("dropped").asLong()).isEqualTo(2);

        JsonNode probes = root.get("probes");
        assertThat(probes.isArray()).isTrue();
        assertThat(probes).hasSize(2);
        JsonNode checkout = probes.get(0);
        assertThat(checkout.get("name").asText()).isEqualTo("checkout");
        assertThat(checkout.get("pattern").asText()).isEqualTo("com.acme.Checkout#process");
        assertThat(checkout.get("method")).extracting(JsonNode::asText).containsExactly(
                "com.acme.Checkout#process()", "com.acme.Checkout#process(java.lang.String,int[])");
        assertThat(checkout.get("count").asLong()).isEqualTo(120);
        assertThat(checkout.get("errors").asLong()).isEqualTo(3);
        assertThat(checkout.get("dropped").asLong()).isEqualTo(2);
        JsonNode latency = checkout.get("latencyNanos");
        assertThat(latency.get("samples").asLong()).isEqualTo(118);
        assertThat(latency.get("min").asLong()).isEqualTo(1_000);
        assertThat(latency.get("p50").asLong()).isEqualTo(2_000);
        assertThat(latency.get("p90").asLong()).isEqualTo(3_000);
        assertThat(latency.get("p99").asLong()).isEqualTo(4_000);
        assertThat(latency.get("p999").asLong()).isEqualTo(5_000);
        assertThat(latency.get("max").asLong()).isEqualTo(6_000);
        assertThat(latency.get("mean").asDouble()).isEqualTo(2_345.7);

        JsonNode idle = probes.get(1);
        assertThat(idle.get("method").isArray()).isTrue();
        assertThat(idle.get("method")).isEmpty();
        assertThat(idle.get("count").asLong()).isZero();
        assertThat(idle.get("latencyNanos").get("samples").asLong()).isZero();
    }

    @Test
    void createsMissingDirectoriesAndLeavesNoTemporaryFileBehind() throws IOException {
        Path report = dir.resolve("build/reports/perfweave/report.json");

        new JsonReportSink(report, RUN).onFinal(snapshot(10));

        assertThat(filesIn(report.getParent())).containsExactly(report);
        assertThat(JSON.readTree(report.toFile()).get("probes").get(0).get("count").asLong()).isEqualTo(10);
    }

    @Test
    void replacesAnEarlierReport() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "{\"stale\": true}");

        new JsonReportSink(report, RUN).onFinal(snapshot(77));

        JsonNode root = JSON.readTree(report.toFile());
        assertThat(root.has("stale")).isFalse();
        assertThat(root.get("probes").get(0).get("count").asLong()).isEqualTo(77);
        assertThat(filesIn(dir)).containsExactly(report);
    }

    @Test
    void writesNothingForAnInterval() throws IOException {
        Path report = dir.resolve("report.json");

        new JsonReportSink(report, RUN).onInterval(snapshot(5));

        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aReportThatCannotBeWrittenFailsNamingTheDestination() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file");
        Path report = notADirectory.resolve("report.json");

        assertThatThrownBy(() -> new JsonReportSink(report, RUN).onFinal(snapshot(5)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(report.toString());
        assertThat(filesIn(dir)).containsExactly(notADirectory);
    }

    @Test
    void aReportThatCannotBeMovedIntoPlaceLeavesNoTemporaryFileBehind() throws IOException {
        Path report = Files.createDirectories(dir.resolve("report.json"));
        Files.writeString(report.resolve("keeps-the-directory-non-empty"), "x");

        assertThatThrownBy(() -> new JsonReportSink(report, RUN).onFinal(snapshot(5)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(report.toString());
        assertThat(filesIn(dir)).containsExactly(report);
    }
}
