package io.perfweave.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineProbe;
import io.perfweave.agent.baseline.BaselineWriter;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.core.AgentVersion;
import io.perfweave.agent.report.LatencySummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
    /** The configuration's budgets: {@code price} has latency limits, {@code save} none, {@code encode} allocation only. */
    private final Map<String, BudgetLimits> budgets = new LinkedHashMap<>();

    {
        budgets.put("price", limits(Map.of(BudgetMetric.P99, 5.0 * MILLI, BudgetMetric.MAX, 50.0 * MILLI)));
        budgets.put("encode", limits(Map.of(BudgetMetric.ALLOC_P99, 16384.0, BudgetMetric.ERRORS, 0.01)));
    }
    private final ProbeChecks checks = new ProbeChecks(() -> {
        Map<String, Histogram> copies = new LinkedHashMap<>();
        cumulative.forEach((name, histogram) -> copies.put(name, histogram.copy()));
        return copies;
    }, name -> new BudgetSettings(BudgetLimits.NONE, budgets, 0, 10, 0.1, AnomalySettings.OFF)
            .budgetOf(name, BudgetLimits.NONE), RegressionRules.DEFAULT);

    private static BudgetLimits limits(Map<BudgetMetric, Double> limits) {
        return new BudgetLimits(limits, OptionalLong.empty(), OptionalLong.empty());
    }

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

    private ProbeChecks.Result checkBudgets(long checkpoint, String... probes) throws Exception {
        return checks.check(checkpoint, List.of(probes), null, LatencyLimits.parse("", "", ""), true);
    }

    @Test
    void anExceededBudgetFailsWithTheWordsOfTheBudgetLogLineOverTheTest() throws Exception {
        calls("price", 1000, 20 * MILLI);
        long checkpoint = checks.checkpoint();
        calls("price", 98, MILLI);
        calls("price", 3, 10 * MILLI);

        ProbeChecks.Result result = checkBudgets(checkpoint, "price");

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message()).isEqualTo("Perfweave: budget exceeded: price p99 10.0ms > 5.00ms over the test (n=101)");
    }

    @Test
    void everyLatencyMetricOfABudgetIsJudgedWithOneSentenceEachInMetricOrder() throws Exception {
        Map<BudgetMetric, Double> all = new LinkedHashMap<>();
        for (BudgetMetric metric : List.of(BudgetMetric.MEAN, BudgetMetric.MAX, BudgetMetric.P999, BudgetMetric.P99,
                BudgetMetric.P90, BudgetMetric.P50)) {
            all.put(metric, 500.0 * MICRO);
        }
        budgets.put("price", limits(all));
        long checkpoint = checks.checkpoint();
        calls("price", 20, MILLI);

        ProbeChecks.Result result = checkBudgets(checkpoint, "price");

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.message().lines()).containsExactly(
                "Perfweave: budget exceeded: price p50 1.00ms > 500us over the test (n=20)",
                "budget exceeded: price p90 1.00ms > 500us over the test (n=20)",
                "budget exceeded: price p99 1.00ms > 500us over the test (n=20)",
                "budget exceeded: price p999 1.00ms > 500us over the test (n=20)",
                "budget exceeded: price max 1.00ms > 500us over the test (n=20)",
                "budget exceeded: price mean 1.00ms > 500us over the test (n=20)");
    }

    @Test
    void callsWithinTheBudgetPass() throws Exception {
        calls("price", 1000, 20 * MILLI);
        long checkpoint = checks.checkpoint();
        calls("price", 100, MILLI);

        ProbeChecks.Result result = checkBudgets(checkpoint, "price");

        assertThat(result.status()).as(result.message()).isEqualTo("passed");
    }

    @Test
    void fewerCallsThanTheBudgetsMinSamplesFailSayingItCannotBeJudged() throws Exception {
        long checkpoint = checks.checkpoint();
        calls("price", 9, MILLI);

        assertThat(checkBudgets(checkpoint, "price")).isEqualTo(new ProbeChecks.Result("failed",
                "Perfweave: budget cannot be judged: price had 9 timed calls over the test, fewer than its minSamples of 10"));
        assertThat(checkBudgets(checks.checkpoint(), "price")).isEqualTo(new ProbeChecks.Result("failed",
                "Perfweave: budget cannot be judged: price had no timed call over the test"));
    }

    @Test
    void judgingTheBudgetOfAProbeWithoutALatencyBudgetIsAnError() throws Exception {
        long checkpoint = checks.checkpoint();
        calls("save", 100, MILLI);
        cumulative.put("encode", new Histogram(2));

        assertThat(checkBudgets(checkpoint, "price", "save")).isEqualTo(new ProbeChecks.Result("error",
                "Perfweave: save has no latency budget to judge in this agent's configuration; give it one with"
                        + " probe.save.budget.p99 (or p50, p90, p999, max, mean), @Profiled or budget.default.*"));
        assertThat(checkBudgets(checkpoint, "encode").message()).isEqualTo("Perfweave: encode has no latency budget to"
                + " judge (its alloc.p99, errors limits are judged by the agent during the run, not by a check); give it"
                + " one with probe.encode.budget.p99 (or p50, p90, p999, max, mean), @Profiled or budget.default.*");
    }

    @Test
    void theSecondRequestFormCarriesBudgetsAndRefusesOptionsItDoesNotKnow() throws Exception {
        long checkpoint = checks.checkpoint();
        calls("price", 50, 10 * MILLI);
        String id = Long.toString(checkpoint);

        assertThat(checks.handle(new String[] {"check-v2", id, "probe=price", "baseline=", "p50=", "p99=", "max=",
                "budgets=true"})).containsExactly("failed",
                "Perfweave: budget exceeded: price p99 10.0ms > 5.00ms over the test (n=50)");
        assertThat(checks.handle(new String[] {"check-v2", id, "probe=price", "p99=1s", "budgets=false"}))
                .containsExactly("passed", "Perfweave: price passed");
        assertThat(checks.handle(new String[] {"check-v2", id, "probe=price", "alloc.p99=1KiB"})[1])
                .matches("Perfweave: this agent \\(.+\\) does not understand the check option 'alloc.p99=1KiB';"
                        + " perfweave-agent-api must be of the same version as the agent");
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
        assertThat(checks.handle(new String[] {"frobnicate"})).containsExactly("error", "Perfweave: this agent ("
                + AgentVersion.get() + ") does not understand the request [frobnicate]; perfweave-agent-api must be of the"
                + " same version as the agent");
        assertThat(checks.handle(new String[] {"checkpoint"})[0]).isEqualTo("ok");
    }
}
