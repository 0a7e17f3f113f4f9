package io.perfweave.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineProbe;
import io.perfweave.agent.baseline.BaselineWriter;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.report.LatencySummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeChecksTest {

    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;

    @TempDir
    Path dir;

    /** Stands in for the reporter: cumulative histograms that only grow, handed out as copies. */
    private final Map<String, Histogram> cumulative = new LinkedHashMap<>();

    {
        cumulative.put("price", new Histogram(2));
        cumulative.put("save", new Histogram(2));
    }
    private final ProbeChecks checks = new ProbeChecks(() -> {
        Map<String, Histogram> copies = new LinkedHashMap<>();
        cumulative.forEach((name, histogram) -> copies.put(name, histogram.copy()));
        return copies;
    }, RegressionRules.DEFAULT);

    private void calls(String probe, long count, long nanos) {
        cumulative.get(probe).recordValueWithCount(nanos, count);
    }

    @Test
    void aCheckJudgesOnlyTheCallsSinceItsCheckpoint() throws Exception {
        calls("price", 100, 10 * MILLI);
        long checkpoint = checks.checkpoint();
        calls("price", 50, MILLI);

        assertThat(checks.since(checkpoint).get("price").getTotalCount()).isEqualTo(50);
        ProbeChecks.Result result = checks.check(checkpoint, List.of("price"), null, LatencyLimits.parse("", "5ms", ""));
        assertThat(result.status()).as(result.message()).isEqualTo("passed");
    }

    @Test
    void anExceededLimitFailsWithTheFiguresInTheMessage() throws Exception {
        long checkpoint = checks.checkpoint();
        calls("price", 99, MILLI);
        calls("price", 2, 10 * MILLI);

        ProbeChecks.Result result = checks.check(checkpoint, List.of("price"), null,
                LatencyLimits.parse("2ms", "5ms", ""));

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message()).contains("price p99 ").contains(" is above the limit 5.00ms")
                .contains("(101 timed calls since the checkpoint)").doesNotContain("p50");
    }

    @Test
    void aProbeWithoutCallsSinceTheCheckpointFailsRatherThanPassing() throws Exception {
        calls("save", 10, MICRO);
        long checkpoint = checks.checkpoint();

        ProbeChecks.Result result = checks.check(checkpoint, List.of("save"), null, LatencyLimits.parse("", "", "1s"));

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message()).contains("save: no timed call since the checkpoint");
    }

    @Test
    void aSlowerRunThanTheBaselineFailsInTheWordsOfCompare() throws Exception {
        Histogram fast = new Histogram(2);
        for (int i = 0; i < 3000; i++) {
            fast.recordValue(20 * MICRO + i);
        }
        Path file = dir.resolve("baseline.json");
        BaselineWriter.write(Baseline.ofOneRun("0.1.0-test", "fast", "vm", "vendor", "17", "test",
                Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:00:10Z"), 2,
                List.of(BaselineProbe.ofOneRun("price", "p", List.of(), 3000, 0, 0, fast)),
                Optional.empty()), file);
        calls("price", 1000, 10 * MILLI);
        long checkpoint = checks.checkpoint();
        for (int i = 0; i < 3000; i++) {
            calls("price", 1, 200 * MICRO + i * 10);
        }

        ProbeChecks.Result result = checks.check(checkpoint, List.of("price"), file, LatencyLimits.parse("", "", ""));

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message()).contains("compared with baseline " + file + " (fast)")
                .contains("REGRESSED         price regressed: p50 ")
                .contains("(3000 -> 3000 timed calls; tolerance p50 20%, p99 100%, at least 1.00us)");
    }

    @Test
    void badRequestsAreErrorsNotExceptions() throws Exception {
        long checkpoint = checks.checkpoint();
        assertThat(checks.handle(new String[] {"check", Long.toString(checkpoint), "", "1ms", "", "", "nope"}))
                .containsExactly("error", "Perfweave: no probe named nope in this agent's configuration; its probes: price, save");
        assertThat(checks.handle(new String[] {"check", Long.toString(checkpoint), "", "", "fast", "", "price"})[1])
                .startsWith("Perfweave: p99 limit: ");
        assertThat(checks.handle(new String[] {"check", "999", "", "", "1ms", "", "price"})[1])
                .contains("no checkpoint 999");
        assertThat(checks.handle(new String[] {"frobnicate"})[0]).isEqualTo("error");
        assertThat(checks.handle(new String[] {"checkpoint"})[0]).isEqualTo("ok");
    }
}
