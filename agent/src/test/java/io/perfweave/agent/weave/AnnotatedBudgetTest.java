package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.budget.BudgetEvaluator;
import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.api.Profiled;
import java.time.Instant;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The budget a {@code @Profiled} annotation states, as the agent reads it from the class file. */
class AnnotatedBudgetTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    /** Budgets written the ways an application might, well and badly. */
    static class Checkout {

        @Profiled(value = "full", p50 = "1ms", p90 = "2ms", p99 = "25ms", p999 = "50ms", max = "1s", mean = "1.5ms",
                errors = "0.5%", minSamples = 20)
        void full() {
        }

        @Profiled(value = "typo", p99 = "fast", max = " 2s ", errors = "2")
        void typo() {
        }

        @Profiled(value = "negative", p99 = "1ms", minSamples = -5)
        void negative() {
        }

        @Profiled(value = "fewSamples", p99 = "1ms", minSamples = 20)
        void fewSamples() {
        }

        @Profiled(value = "globalSamples", p99 = "1ms")
        void globalSamples() {
        }

        @Profiled("plain")
        void plain() {
        }
    }

    @Test
    void readsEveryLimitAndTheMinimumSampleCount() {
        BudgetLimits budget = budgetOf("full");

        assertThat(budget.limits()).containsExactly(
                Map.entry(BudgetMetric.P50, 1e6), Map.entry(BudgetMetric.P90, 2e6), Map.entry(BudgetMetric.P99, 25e6),
                Map.entry(BudgetMetric.P999, 50e6), Map.entry(BudgetMetric.MAX, 1e9), Map.entry(BudgetMetric.MEAN, 1.5e6),
                Map.entry(BudgetMetric.ERRORS, 0.005));
        assertThat(budget.minSamples()).hasValue(20);
        assertThat(budget.windowNanos()).as("the annotation has no window").isEmpty();
        assertThat(budgetOf("plain")).isSameAs(BudgetLimits.NONE);
    }

    @Test
    void aLimitThatDoesNotParseIsReportedWithClassMethodAndAttributeAndLeftOut() {
        BudgetLimits[] budget = new BudgetLimits[1];
        String logged = LoggedOutput.of(() -> budget[0] = budgetOf("typo"));

        assertThat(budget[0].limits()).as("the limit that parses stays").containsExactly(Map.entry(BudgetMetric.MAX, 2e9));
        String method = Checkout.class.getName() + "#typo()";
        assertThat(logged).contains(
                "@Profiled(p99 = \"fast\") on " + method + ": 'fast' is not a duration",
                "@Profiled(errors = \"2\") on " + method + ": '2' is not an error rate: use a percentage, for example 1%");
        assertThat(logged.lines().filter(line -> line.contains("this limit is ignored")).count()).isEqualTo(2);
        assertThat(logged).doesNotContain("max =");
    }

    @Test
    void aNegativeMinimumSampleCountIsRejectedAndTheConfiguredOneApplies() {
        BudgetLimits[] budget = new BudgetLimits[1];
        String logged = LoggedOutput.of(() -> budget[0] = budgetOf("negative"));

        assertThat(logged).contains("@Profiled(minSamples = -5) on " + Checkout.class.getName()
                + "#negative(): use 1 or more (0 for budget.minSamples); ignored");
        assertThat(budget[0].minSamples()).isEmpty();
        assertThat(budget[0].limits()).containsExactly(Map.entry(BudgetMetric.P99, 1e6));
        assertThat(raisedOnFiftySlowCalls(budget[0])).as("50 calls are fewer than budget.minSamples = 100").isFalse();
    }

    @Test
    void theAnnotationsMinimumSampleCountOverridesBudgetMinSamples() {
        BudgetLimits annotated = budgetOf("fewSamples");

        assertThat(settings().budgetOf("fewSamples", annotated).minSamples()).hasValue(20);
        assertThat(raisedOnFiftySlowCalls(annotated)).as("50 calls are enough for minSamples = 20").isTrue();
        assertThat(raisedOnFiftySlowCalls(budgetOf("globalSamples"))).as("without it, budget.minSamples = 100 holds")
                .isFalse();
    }

    /** {@code budget.minSamples = 100}, nothing else. */
    private static BudgetSettings settings() {
        return new BudgetSettings(BudgetLimits.NONE, Map.of(), 0, 100, 0.10, AnomalySettings.OFF);
    }

    /** Whether one interval of 50 calls of 5 ms each raises a violation of the annotated budget. */
    private static boolean raisedOnFiftySlowCalls(BudgetLimits annotated) {
        ProbeSpec probe = new ProbeSpec(0, "annotated", MethodPattern.annotatedWith(ProfiledMethods.ANNOTATION), false,
                annotated);
        Histogram latency = new Histogram(2);
        latency.recordValueWithCount(5_000_000, 50);
        CallStats stats = new CallStats(50, 0, 0, LatencySummary.of(latency), LatencySummary.EMPTY, null, 0, 0);
        BudgetStatus status = new BudgetEvaluator(settings(), SECOND, 2)
                .judge(probe, stats, latency, null, T0, T0.plusSeconds(1));
        return status.violated();
    }

    private static BudgetLimits budgetOf(String methodName) {
        TypeDescription type = TypeDescription.ForLoadedType.of(Checkout.class);
        MethodDescription method = type.getDeclaredMethods().filter(ElementMatchers.named(methodName)).getOnly();
        AnnotationDescription annotation = method.getDeclaredAnnotations().ofType(Profiled.class);
        return AnnotatedBudget.of(annotation, ProbeMethodMatcher.signature(type, method));
    }

}
