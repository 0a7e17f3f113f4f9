package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.ExternalTool;
import io.perfweave.it.support.FreePort;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.Promtool;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.support.Scrape;
import io.perfweave.it.workload.BudgetApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Budgets as users meet them: a method that turns slow is flagged once, with its numbers, in the log,
 * the JSON report, a JFR recording and an application's listener, and cleared once when it recovers;
 * a method within its budget and one with too few calls are never flagged.
 */
class BudgetIT {

    private static final String SERVICES = "io.perfweave.it.workload.BudgetApp$Services#";
    private static final Duration PHASE = Duration.ofSeconds(60);
    private static final long SLOW_NANOS = 5_000_000;
    private static final long LIMIT_NANOS = 2_000_000;
    private static final Pattern RAISED = Pattern.compile(
            "budget exceeded: checkout p99 ([0-9.]+)ms > 2\\.00ms over last ([0-9.]+)(ms|s) \\(n=(\\d+)\\)");

    private static AgentJvm budgetApp(Jdk jdk, String name, String... extra) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "probe.checkout.method = " + SERVICES + "checkout",
                "probe.checkout.budget.p99 = 2ms",
                "probe.quick.method = " + SERVICES + "quick",
                "probe.quick.budget.p99 = 1s",
                "probe.rare.method = " + SERVICES + "rare",
                "probe.rare.budget.p99 = 2ms",
                "budget.minSamples = 20",
                "budget.window = 1s",
                "reporter.interval = 250ms",
                "report.console = false"));
        lines.addAll(List.of(extra));
        return AgentJvm.on(jdk, name).config(lines.toArray(String[]::new)).main(BudgetApp.class);
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aSlowMethodIsFlaggedOnceEverywhereAndClearedOnceWhenItRecovers(Jdk jdk) throws IOException {
        AgentJvm jvm = budgetApp(jdk, "budget").jvmOption("-XX:StartFlightRecording=filename=budget.jfr,dumponexit=true");
        ChildRun run;
        try (RunningJvm child = jvm.start()) {
            await("the breach").atMost(PHASE).failFast(() -> !child.isAlive()).until(() ->
                    child.stderrSoFar().contains("budget exceeded: checkout p99")
                            && child.stderrSoFar().contains("budget exceeded: annotated p99"));
            child.send("fast");
            await("the recovery").atMost(PHASE).failFast(() -> !child.isAlive()).until(() ->
                    child.stderrSoFar().contains("budget cleared: checkout p99")
                            && child.stdoutSoFar().contains("it: listener CLEARED checkout"));
            child.closeInput();
            run = child.awaitExit(PHASE);
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("it: listener-added=true");

        // The log: once raised, with numbers that are true of a 5 ms method, once cleared.
        assertThat(count(run.stderr(), "budget exceeded: checkout p99")).as(run.describe()).isEqualTo(1);
        assertThat(count(run.stderr(), "budget cleared: checkout p99")).as(run.describe()).isEqualTo(1);
        Matcher raised = RAISED.matcher(run.stderr());
        assertThat(raised.find()).as(run.describe()).isTrue();
        assertThat(Double.parseDouble(raised.group(1))).as("observed p99, ms").isGreaterThanOrEqualTo(5.0);
        double windowSeconds = Double.parseDouble(raised.group(2)) / (raised.group(3).equals("ms") ? 1000 : 1);
        assertThat(windowSeconds).as("a window of whole intervals").isGreaterThan(0);
        assertThat(Long.parseLong(raised.group(4))).as("samples, at least budget.minSamples").isGreaterThanOrEqualTo(20);
        assertThat(run.stderr()).doesNotContain("budget exceeded: quick", "budget exceeded: rare");
        assertThat(count(run.stderr(), "budget exceeded: annotated p99")).as("the @Profiled budget").isEqualTo(1);

        // The JSON report: the same violation, cleared; nothing for the others.
        JsonNode violations = run.probe("checkout").get("budgetViolations");
        assertThat(violations).as(run.describe()).hasSize(1);
        JsonNode violation = violations.get(0);
        assertThat(violation.get("metric").asText()).isEqualTo("p99");
        assertThat(violation.get("limit").asLong()).isEqualTo(LIMIT_NANOS);
        assertThat(violation.get("observed").asLong()).isGreaterThanOrEqualTo(SLOW_NANOS)
                .isCloseTo(Math.round(Double.parseDouble(raised.group(1)) * 1e6), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(violation.get("samples").asLong()).isEqualTo(Long.parseLong(raised.group(4)));
        // The window's length is wall-clock time (its intervals run long on a starved machine), so it is not bounded
        // here by budget.window; what holds on any machine: it lies within the run, and the log rounds the JSON's figure.
        assertThat(violation.get("windowNanos").asLong()).as("the window lies within the run up to the raise")
                .isLessThanOrEqualTo(java.time.Duration.between(Instant.parse(run.report().get("startTime").asText()),
                        Instant.parse(violation.get("raised").asText())).toNanos());
        assertThat(violation.get("windowNanos").asLong() / 1e9).as("the log line's window")
                .isCloseTo(windowSeconds, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(violation.get("state").asText()).isEqualTo("cleared");
        assertThat(violation.get("clearedObserved").asLong()).isLessThanOrEqualTo(Math.round(LIMIT_NANOS * 0.9));
        assertThat(Instant.parse(violation.get("cleared").asText())).isAfter(Instant.parse(violation.get("raised").asText()));
        assertThat(run.probe("quick").get("budgetViolations")).isEmpty();
        assertThat(run.probe("quick").get("count").asLong()).as("judged many times").isGreaterThan(1000);
        JsonNode rare = run.probe("rare");
        assertThat(rare.get("budgetViolations")).as("5 calls are fewer than budget.minSamples").isEmpty();
        assertThat(rare.get("count").asLong()).isEqualTo(5);
        assertThat(rare.get("latencyNanos").get("p99").asLong()).as("over the limit, had it been judged")
                .isGreaterThan(LIMIT_NANOS);
        assertThat(run.probe("annotated").get("budget").get("p99").asLong()).isEqualTo(LIMIT_NANOS);

        // The application's listener: once raised, once cleared, with the log's numbers.
        assertThat(count(run.stdout(), "it: listener RAISED checkout p99")).as(run.describe()).isEqualTo(1);
        assertThat(count(run.stdout(), "it: listener CLEARED checkout p99")).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).contains("it: listener RAISED checkout p99 observed=" + violation.get("observed").asLong()
                + " limit=" + LIMIT_NANOS + " samples=" + violation.get("samples").asLong()
                + " window=" + violation.get("windowNanos").asLong());
        assertThat(run.stdout()).doesNotContain("it: listener RAISED quick", "it: listener RAISED rare");

        // The JFR recording the child wrote: the same two events.
        List<RecordedEvent> events = RecordingFile.readAllEvents(run.directory().resolve("budget.jfr")).stream()
                .filter(e -> e.getEventType().getName().equals("perfweave.BudgetViolation"))
                .filter(e -> e.getString("probe").equals("checkout"))
                .toList();
        assertThat(events).extracting(e -> e.getString("state")).containsExactly("raised", "cleared");
        RecordedEvent jfrRaised = events.get(0);
        assertThat(jfrRaised.getString("metric")).isEqualTo("p99");
        assertThat(jfrRaised.getString("unit")).isEqualTo("ns");
        assertThat(jfrRaised.getDouble("limit")).isEqualTo(LIMIT_NANOS);
        assertThat(Math.round(jfrRaised.getDouble("observed"))).isEqualTo(violation.get("observed").asLong());
        assertThat(jfrRaised.getLong("samples")).isEqualTo(violation.get("samples").asLong());
        assertThat(jfrRaised.getDuration("window").toNanos()).isEqualTo(violation.get("windowNanos").asLong());
    }

    /** The gauge needs a scrape while the violation lasts; one JDK is enough for the exposition format. */
    @Test
    void theViolationIsAPrometheusGaugeThatPromtoolAccepts() throws IOException {
        Path promtool = ExternalTool.require("promtool");
        int port = FreePort.pick();
        AgentJvm jvm = budgetApp(Jdks.all().get(0), "budget-prometheus", "prometheus.port = " + port);
        String gauge = "perfweave_budget_violation{probe=\"checkout\",metric=\"p99\"} ";
        try (RunningJvm child = jvm.start()) {
            String during = await("the violation on the endpoint").atMost(PHASE).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> !child.isAlive())
                    .until(() -> scrape(port), text -> text.contains(gauge + "1\n"));
            Files.writeString(jvm.directory().resolve("scrape.txt"), during);
            assertThat(during).contains("perfweave_budget_violation{probe=\"quick\",metric=\"p99\"} 0\n",
                    "perfweave_budget_limit_seconds{probe=\"checkout\",metric=\"p99\"} 0.002\n");
            Promtool.assertAccepts(promtool, during, jvm.directory());
            child.send("fast");
            await("the cleared violation on the endpoint").atMost(PHASE).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> !child.isAlive())
                    .until(() -> scrape(port), text -> text.contains(gauge + "0\n"));
            child.closeInput();
            assertThat(child.awaitExit(PHASE).exitCode()).isZero();
        }
    }

    private static String scrape(int port) {
        try {
            return Scrape.text(port);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }
}
