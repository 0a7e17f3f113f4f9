package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BudgetEvaluatorTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final long SECOND = 1_000_000_000L;
    private static final ProbeSpec CHECKOUT = new ProbeSpec(0, "checkout", MethodPattern.parse("a.B#c"), false);

    private int second;

    private static BudgetLimits limits(Map<BudgetMetric, Double> limits) {
        return new BudgetLimits(limits, OptionalLong.empty(), OptionalLong.empty());
    }

    private static BudgetSettings settings(BudgetLimits defaults, Map<String, BudgetLimits> perProbe, long windowNanos,
                                           AnomalySettings anomaly) {
        return new BudgetSettings(defaults, perProbe, windowNanos, 10, 0.10, anomaly);
    }

    /** One interval of {@code calls} calls of {@code nanos}, {@code errors} of which failed. */
    private BudgetStatus interval(BudgetEvaluator evaluator, ProbeSpec probe, long nanos, int calls, int errors) {
        Histogram latency = new Histogram(2);
        latency.recordValueWithCount(nanos, calls);
        CallStats stats = new CallStats(calls, errors, 0, LatencySummary.of(latency), LatencySummary.EMPTY, null, 0, 0);
        second++;
        return evaluator.judge(probe, stats, latency, null, T0.plusSeconds(second - 1), T0.plusSeconds(second));
    }

    @Test
    void aSustainedBreachIsRaisedOnceAndClearedOnceOverTheWindow() {
        BudgetEvaluator evaluator = new BudgetEvaluator(settings(BudgetLimits.NONE,
                Map.of("checkout", limits(Map.of(BudgetMetric.P99, 25e6))), 3 * SECOND, AnomalySettings.OFF), SECOND, 2);

        assertThat(interval(evaluator, CHECKOUT, 10_000_000, 100, 0).changes()).isEmpty();
        assertThat(interval(evaluator, CHECKOUT, 10_000_000, 100, 0).changes()).isEmpty();
        BudgetStatus slow = interval(evaluator, CHECKOUT, 40_000_000, 100, 0);
        assertThat(slow.changes()).hasSize(1);
        Violation raised = slow.changes().get(0);
        assertThat(raised.observed()).isBetween(39.6e6, 40.4e6);
        assertThat(raised.samples()).isEqualTo(300);
        assertThat(raised.windowNanos()).isEqualTo(3 * SECOND);
        assertThat(slow.violated()).isTrue();
        assertThat(slow.limits()).containsExactly(new BudgetStatus.Limit(BudgetMetric.P99, 25e6, true));

        assertThat(interval(evaluator, CHECKOUT, 40_000_000, 100, 0).changes()).isEmpty();
        assertThat(interval(evaluator, CHECKOUT, 10_000_000, 100, 0).changes()).as("slow calls still in the window").isEmpty();
        assertThat(interval(evaluator, CHECKOUT, 10_000_000, 100, 0).changes()).isEmpty();
        BudgetStatus recovered = interval(evaluator, CHECKOUT, 10_000_000, 100, 0);
        assertThat(recovered.changes()).hasSize(1);
        assertThat(recovered.changes().get(0).ongoing()).isFalse();
        assertThat(recovered.violated()).isFalse();
        assertThat(recovered.violations()).hasSize(1);
        assertThat(interval(evaluator, CHECKOUT, 10_000_000, 100, 0).changes()).isEmpty();
    }

    @Test
    void errorRateAndDefaultsForEveryProbe() {
        BudgetEvaluator evaluator = new BudgetEvaluator(settings(limits(Map.of(BudgetMetric.ERRORS, 0.01)), Map.of(), 0,
                AnomalySettings.OFF), SECOND, 2);
        ProbeSpec other = new ProbeSpec(1, "other", MethodPattern.parse("a.B#d"), false);

        BudgetStatus failing = interval(evaluator, other, 1_000, 100, 2);
        assertThat(failing.changes()).singleElement().satisfies(v -> {
            assertThat(v.metric()).isEqualTo(BudgetMetric.ERRORS);
            assertThat(v.observed()).isEqualTo(0.02);
            assertThat(v.samples()).isEqualTo(100);
        });
        assertThat(interval(evaluator, other, 1_000, 100, 1).changes()).as("1% is within 1% but above 0.9%").isEmpty();
        assertThat(interval(evaluator, other, 1_000, 200, 1).changes()).singleElement()
                .satisfies(v -> assertThat(v.ongoing()).isFalse());
    }

    @Test
    void theProbesKeysOverrideItsAnnotationWhichOverridesTheDefaults() {
        BudgetLimits annotated = limits(Map.of(BudgetMetric.P99, 5e6, BudgetMetric.MAX, 50e6));
        ProbeSpec profiled = new ProbeSpec(2, "profiled", MethodPattern.annotatedWith("io.perfweave.api.Profiled"), false,
                annotated);
        BudgetEvaluator evaluator = new BudgetEvaluator(settings(limits(Map.of(BudgetMetric.P50, 1e6, BudgetMetric.MAX, 1e9)),
                Map.of("profiled", limits(Map.of(BudgetMetric.P99, 7e6))), 0, AnomalySettings.OFF), SECOND, 2);

        BudgetStatus status = interval(evaluator, profiled, 1_000, 100, 0);
        assertThat(status.limits()).containsExactly(
                new BudgetStatus.Limit(BudgetMetric.P50, 1e6, false),
                new BudgetStatus.Limit(BudgetMetric.P99, 7e6, false),
                new BudgetStatus.Limit(BudgetMetric.MAX, 50e6, false));
    }

    @Test
    void allocationLimitsApplyOnlyToProbesThatMeasureAllocation() {
        BudgetEvaluator evaluator = new BudgetEvaluator(settings(limits(Map.of(BudgetMetric.ALLOC_P99, 1024.0)), Map.of(), 0,
                AnomalySettings.OFF), SECOND, 2);
        ProbeSpec allocating = new ProbeSpec(3, "allocating", MethodPattern.parse("a.B#e"), true);

        assertThat(interval(evaluator, CHECKOUT, 1_000, 100, 0)).isEqualTo(BudgetStatus.NONE);
        Histogram latency = new Histogram(2);
        latency.recordValueWithCount(1_000, 100);
        Histogram allocation = new Histogram(2);
        allocation.recordValueWithCount(8_192, 100);
        CallStats stats = new CallStats(100, 0, 0, LatencySummary.of(latency), LatencySummary.EMPTY, null, 0, 0);
        BudgetStatus status = evaluator.judge(allocating, stats, latency, allocation, T0, T0.plusSeconds(1));
        assertThat(status.changes()).singleElement().satisfies(v -> {
            assertThat(v.metric()).isEqualTo(BudgetMetric.ALLOC_P99);
            assertThat(v.observed()).as("8 KiB, within the histogram's 1%").isBetween(8_192.0, 8_192 * 1.01);
        });
    }

    @Test
    void anomaliesAreFoundWithoutAnyLimit() {
        BudgetEvaluator evaluator = new BudgetEvaluator(settings(BudgetLimits.NONE, Map.of(), 0,
                new AnomalySettings(true, 3, 3, 10)), SECOND, 2);
        interval(evaluator, CHECKOUT, 1_000_000, 100, 0);
        interval(evaluator, CHECKOUT, 1_100_000, 100, 0);
        assertThat(interval(evaluator, CHECKOUT, 900_000, 100, 0).newAnomalies()).isEmpty();
        BudgetStatus status = interval(evaluator, CHECKOUT, 5_000_000, 100, 0);
        assertThat(status.newAnomalies()).hasSize(1);
        assertThat(status.anomalies()).hasSize(1);
        assertThat(status.limits()).isEmpty();
        assertThat(interval(evaluator, CHECKOUT, 1_000_000, 100, 0).newAnomalies()).isEmpty();
    }

    @Test
    void aProbeWithoutBudgetIsNotJudged() {
        BudgetEvaluator evaluator = new BudgetEvaluator(BudgetSettings.NONE, SECOND, 2);
        assertThat(interval(evaluator, CHECKOUT, 1_000_000_000, 100, 100)).isSameAs(BudgetStatus.NONE);
    }

    @Test
    void theLogLineSaysWhatWhereAndHowMuch() {
        Violation v = new Violation("checkout", BudgetMetric.P99, 25e6, 31.2e6, 1204, 10 * SECOND, T0, null, Double.NaN, 0);
        assertThat(BudgetText.raised(v)).isEqualTo("budget exceeded: checkout p99 31.2ms > 25.0ms over last 10.0s (n=1204)");
        Violation cleared = new Violation("checkout", BudgetMetric.P99, 25e6, 31.2e6, 1204, 10 * SECOND, T0,
                T0.plusSeconds(40), 20.1e6, 1300);
        assertThat(BudgetText.cleared(cleared, 0.1)).isEqualTo(
                "budget cleared: checkout p99 20.1ms <= 22.5ms (limit 25.0ms) over last 10.0s (n=1300), exceeded for 40.0s");
        assertThat(BudgetText.value(BudgetMetric.ERRORS, 0.0123)).isEqualTo("1.23%");
        assertThat(BudgetText.value(BudgetMetric.ALLOC_P99, 1536)).isEqualTo("1.50KiB");
    }
}
