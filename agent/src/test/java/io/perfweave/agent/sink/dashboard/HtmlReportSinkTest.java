package io.perfweave.agent.sink.dashboard;

import static io.perfweave.agent.sink.dashboard.TestSnapshots.latencies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.sink.dashboard.TestSnapshots.Calls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
