package io.perfweave.agent.sink.dashboard;

import static io.perfweave.agent.sink.dashboard.TestSnapshots.latencies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.sink.dashboard.TestSnapshots.Calls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportSinkTest {

    @TempDir
    Path dir;

    @Test
    void writesOneSelfContainedFileWithTheFinalFiguresAndTheHistoryEmbedded() throws IOException {
        Path report = dir.resolve("reports/perfweave.html");
        HtmlReportSink sink = new HtmlReportSink(report, new DashboardViews(TestSnapshots.RUN, 1_000_000_000L, null));
        TestSnapshots snapshots = new TestSnapshots();

        sink.onInterval(snapshots.next(false, new Calls(0, "checkout", latencies(1_000, 9_000, 50), 0)));
        sink.onInterval(snapshots.next(false, new Calls(0, "checkout", latencies(1_000, 9_000, 70), 0)));
        sink.onFinal(snapshots.next(true, new Calls(0, "checkout", latencies(1_000, 9_000, 5), 1)));

        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>:root", "(function () {")
                .doesNotContain("/*perfweave:css*/", "/*perfweave:js*/", "<!--perfweave:data-->");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).as("nothing fetched from elsewhere")
                .doesNotContain("http://", "https://", "src=");
        String start = "<script type=\"application/json\" id=\"perfweave-data\">";
        int at = html.indexOf(start) + start.length();
        JsonNode data = new ObjectMapper().readTree(html.substring(at, html.indexOf("</script>", at)));
        assertThat(data.get("snapshot").get("final").asBoolean()).isTrue();
        assertThat(data.get("snapshot").get("probes").get(0).get("count").asLong()).isEqualTo(125);
        assertThat(data.get("details").get("checkout").get("history")).as("every interval, the final one too").hasSize(3);
        assertThat(data.get("details").get("checkout").get("distribution").get("sinceStart").size()).isPositive();
        try (var files = Files.list(report.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(report);
        }
    }

    @Test
    void theFindingsCarryEveryViolationOfTheRunTheClearedOnesToo() throws IOException {
        Path report = dir.resolve("perfweave.html");
        HtmlReportSink sink = new HtmlReportSink(report, new DashboardViews(TestSnapshots.RUN, 1_000_000_000L, null));
        Instant raised = TestSnapshots.START.plusSeconds(1);
        BudgetStatus.Violation cleared = new BudgetStatus.Violation("checkout", BudgetMetric.P99, 25_000_000, 31_200_000,
                1204, 10_000_000_000L, raised, raised.plusSeconds(20), 20_000_000, 900);
        BudgetStatus keptAtExit = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25_000_000, false)),
                List.of(cleared), List.of(), List.of(), List.of());

        sink.onFinal(TestSnapshots.withProbes(new TestSnapshots().next(true,
                new Calls(0, "checkout", latencies(1_000, 9_000, 50), 0)), p -> TestSnapshots.withBudget(p, keptAtExit)));

        JsonNode probe = embeddedData(Files.readString(report)).get("snapshot").get("probes").get(0);
        assertThat(probe.get("budget").get("state").asText()).as("within its budget at exit").isEqualTo("ok");
        JsonNode violation = probe.get("budgetViolations").get(0);
        assertThat(probe.get("budgetViolations")).hasSize(1);
        assertThat(violation.get("state").asText()).isEqualTo("cleared");
        assertThat(violation.get("metric").asText()).isEqualTo("p99");
        assertThat(violation.get("unit").asText()).isEqualTo("ns");
        assertThat(violation.get("observed").asLong()).isEqualTo(31_200_000);
        assertThat(violation.get("limit").asLong()).isEqualTo(25_000_000);
        assertThat(violation.get("raised").asText()).isEqualTo(raised.toString());
        assertThat(violation.get("cleared").asText()).isEqualTo(raised.plusSeconds(20).toString());
        assertThat(violation.get("clearedObserved").asLong()).isEqualTo(20_000_000);
    }

    private static JsonNode embeddedData(String html) throws IOException {
        String start = "<script type=\"application/json\" id=\"perfweave-data\">";
        int at = html.indexOf(start) + start.length();
        return new ObjectMapper().readTree(html.substring(at, html.indexOf("</script>", at)));
    }
}
