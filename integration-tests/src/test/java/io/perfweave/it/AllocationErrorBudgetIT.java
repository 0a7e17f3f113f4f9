package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AllocationErrorBudgetApp;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Budgets on allocation per call and on the error rate, as users meet them: a method allocating more
 * per call than its {@code budget.alloc.p99} and one failing more often than its {@code budget.errors}
 * are each flagged once, with the metric, limit and observed value, in the log, an application's
 * listener and the JSON report; a method within both budgets never is.
 */
class AllocationErrorBudgetIT {

    private static final String SERVICES = "io.perfweave.it.workload.AllocationErrorBudgetApp$Services#";
    private static final Duration PHASE = Duration.ofSeconds(60);
    private static final int CALLS = 20_000;
    private static final int MIN_SAMPLES = 200;
    /** {@code long[1000]}: what {@code heavy} allocates per call. */
    private static final long HEAVY_BYTES = 8016;
    private static final long ALLOC_LIMIT = 4096;
    private static final double ERRORS_LIMIT = 0.01;
    private static final Pattern HEAVY_RAISED = Pattern.compile(
            "budget exceeded: heavy alloc\\.p99 ([0-9.]+)KiB > 4\\.00KiB over last \\S+ \\(n=(\\d+)\\)");
    private static final Pattern FLAKY_RAISED = Pattern.compile(
            "budget exceeded: flaky errors ([0-9.]+)% > 1\\.00% over last \\S+ \\(n=(\\d+)\\)");

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void overAllocationAndErrorBudgetsAreFlaggedOnceAndAMethodWithinThemNever(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "budget-alloc-errors").config(
                        "probe.heavy.method = " + SERVICES + "heavy",
                        "probe.heavy.allocations = true",
                        "probe.heavy.budget.alloc.p99 = 4KiB",
                        "probe.flaky.method = " + SERVICES + "flaky",
                        "probe.flaky.budget.errors = 1%",
                        "probe.within.method = " + SERVICES + "within",
                        "probe.within.allocations = true",
                        "probe.within.budget.alloc.p99 = 4KiB",
                        "probe.within.budget.errors = 1%",
                        "budget.minSamples = " + MIN_SAMPLES,
                        "reporter.interval = 200ms",
                        "report.console = false")
                .main(AllocationErrorBudgetApp.class, String.valueOf(CALLS));
        ChildRun run;
        try (RunningJvm child = jvm.start()) {
            await("every call made and both breaches at the listener").atMost(PHASE).failFast(() -> !child.isAlive())
                    .until(() -> child.stdoutSoFar().contains("it: calls=")
                            && child.stdoutSoFar().contains("it: listener RAISED heavy")
                            && child.stdoutSoFar().contains("it: listener RAISED flaky"));
            child.closeInput();
            run = child.awaitExit(PHASE);
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("it: listener-added=true");

        // The log: one line each, and nothing else exceeded or cleared.
        assertThat(count(run.stderr(), "budget exceeded: ")).as(run.describe()).isEqualTo(2);
        assertThat(count(run.stderr(), "budget exceeded: heavy alloc.p99 ")).as(run.describe()).isEqualTo(1);
        assertThat(count(run.stderr(), "budget exceeded: flaky errors ")).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).doesNotContain("budget cleared:", "budget exceeded: within");
        assertThat(run.stderr()).contains("budget still exceeded at exit: heavy alloc.p99",
                "budget still exceeded at exit: flaky errors");

        // heavy: the allocation per call, the same figure in the log, the JSON report and the listener.
        JsonNode heavy = onlyViolation(run, "heavy", "alloc.p99", "bytes");
        assertThat(heavy.get("limit").asLong()).isEqualTo(ALLOC_LIMIT);
        long heavyObserved = heavy.get("observed").asLong();
        assertThat((double) heavyObserved).as("8016 bytes a call, within the histogram's 1%")
                .isBetween((double) HEAVY_BYTES, HEAVY_BYTES * 1.01);
        Matcher heavyLog = find(run, HEAVY_RAISED);
        assertThat(Double.parseDouble(heavyLog.group(1)) * 1024).as("the log's KiB, to three digits")
                .isCloseTo(heavyObserved, offset(0.005 * 1024));
        assertThat(Long.parseLong(heavyLog.group(2))).isEqualTo(heavy.get("samples").asLong());
        String heavyListener = onlyListenerLine(run, "heavy");
        assertThat(heavyListener).startsWith("it: listener RAISED heavy alloc.p99 observed=")
                .endsWith(" limit=" + (double) ALLOC_LIMIT + " samples=" + heavy.get("samples").asLong());
        assertThat(Math.round(listenerObserved(heavyListener))).isEqualTo(heavyObserved);

        // flaky: one call in ten fails, so a window of n calls holds n/10 failures, give or take one.
        JsonNode flaky = onlyViolation(run, "flaky", "errors", "ratio");
        assertThat(flaky.get("limit").asDouble()).isEqualTo(ERRORS_LIMIT);
        double flakyObserved = flaky.get("observed").asDouble();
        long flakySamples = flaky.get("samples").asLong();
        assertThat(flakyObserved * flakySamples).as("failures in the window of " + flakySamples + " calls")
                .isCloseTo(flakySamples / 10.0, offset(1.0));
        Matcher flakyLog = find(run, FLAKY_RAISED);
        assertThat(Double.parseDouble(flakyLog.group(1))).as("the log's percentage, to two decimals")
                .isCloseTo(flakyObserved * 100, offset(0.005));
        assertThat(Long.parseLong(flakyLog.group(2))).isEqualTo(flakySamples);
        String flakyListener = onlyListenerLine(run, "flaky");
        assertThat(flakyListener).startsWith("it: listener RAISED flaky errors observed=")
                .endsWith(" limit=" + ERRORS_LIMIT + " samples=" + flakySamples);
        assertThat(listenerObserved(flakyListener)).isCloseTo(flakyObserved, offset(1e-6));
        assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(CALLS / 10);

        // within: budgeted, judged on every call, failing and allocating, and never flagged.
        JsonNode within = run.probe("within");
        assertThat(within.get("budget").get("alloc.p99").asLong()).isEqualTo(ALLOC_LIMIT);
        assertThat(within.get("budget").get("errors").asDouble()).isEqualTo(ERRORS_LIMIT);
        assertThat(within.get("count").asLong()).isEqualTo(CALLS);
        assertThat(within.get("errors").asLong()).isEqualTo(CALLS / 1000);
        assertThat(within.get("budgetViolations")).as(run.describe()).isEmpty();
        assertThat(run.stdout()).doesNotContain("it: listener RAISED within");
    }

    /** The probe's one violation, still ongoing at exit, of {@code metric} in {@code unit}. */
    private static JsonNode onlyViolation(ChildRun run, String probe, String metric, String unit) {
        JsonNode violations = run.probe(probe).get("budgetViolations");
        assertThat(violations).as(probe + "\n" + run.describe()).hasSize(1);
        JsonNode violation = violations.get(0);
        assertThat(violation.get("metric").asText()).isEqualTo(metric);
        assertThat(violation.get("unit").asText()).isEqualTo(unit);
        assertThat(violation.get("state").asText()).isEqualTo("ongoing");
        assertThat(violation.get("samples").asLong()).as("at least budget.minSamples").isGreaterThanOrEqualTo(MIN_SAMPLES);
        return violation;
    }

    private static String onlyListenerLine(ChildRun run, String probe) {
        List<String> lines = run.stdout().lines().filter(line -> line.startsWith("it: listener ")
                && line.contains(" " + probe + " ")).toList();
        assertThat(lines).as(run.describe()).hasSize(1);
        return lines.get(0);
    }

    private static double listenerObserved(String line) {
        Matcher m = Pattern.compile(" observed=(\\S+) ").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static Matcher find(ChildRun run, Pattern pattern) {
        Matcher m = pattern.matcher(run.stderr());
        assertThat(m.find()).as(pattern + "\n" + run.describe()).isTrue();
        return m;
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }
}
