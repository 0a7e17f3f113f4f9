package io.perfweave.agent.check;

import io.perfweave.agent.budget.BudgetEvaluator;
import io.perfweave.agent.budget.BudgetText;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/**
 * The latency part of a probe's configured budget ({@code probe.<name>.budget.*}, {@code @Profiled},
 * {@code budget.default.*}), judged over the calls of one test rather than over the agent's window.
 * Allocation and error-rate limits are left out: a checkpoint holds latency only, so those stay with
 * the agent, which judges them during the run.
 *
 * @param limits     nanoseconds, by latency metric
 * @param minSamples fewer timed calls than this, and the budget cannot be judged
 */
record LatencyBudget(Map<BudgetMetric, Double> limits, long minSamples) {

    /** How the sentences name the stretch of calls judged, where the agent's log line names its window. */
    static final String SPAN = "over the test";

    LatencyBudget {
        // An EnumMap keeps the sentences in the order p50, p90, p99, p999, max, mean, whatever the configuration's order.
        EnumMap<BudgetMetric, Double> copy = new EnumMap<>(BudgetMetric.class);
        copy.putAll(limits);
        limits = Collections.unmodifiableMap(copy);
    }

    /** The latency limits of a probe's budget as the agent put it together ({@code BudgetSettings.budgetOf}). */
    static LatencyBudget of(BudgetLimits budget) {
        Map<BudgetMetric, Double> latency = new EnumMap<>(BudgetMetric.class);
        budget.limits().forEach((metric, limit) -> {
            if (metric.kind() == BudgetMetric.Kind.LATENCY) {
                latency.put(metric, limit);
            }
        });
        return new LatencyBudget(latency, budget.minSamples().orElse(0));
    }

    boolean any() {
        return !limits.isEmpty();
    }

    /**
     * Every limit the calls exceed, one sentence each in the words of the agent's budget log line.
     * Too few calls to judge is a violation too: a budget that was never judged must not pass.
     */
    List<String> violations(String probe, AbstractHistogram latency) {
        long calls = latency.getTotalCount();
        if (calls == 0) {
            return List.of("budget cannot be judged: " + probe + " had no timed call " + SPAN);
        }
        if (calls < minSamples) {
            return List.of("budget cannot be judged: " + probe + " had " + calls + " timed call" + (calls == 1 ? "" : "s")
                    + " " + SPAN + ", fewer than its minSamples of " + minSamples);
        }
        List<String> violations = new ArrayList<>();
        limits.forEach((metric, limit) -> {
            double observed = BudgetEvaluator.observed(metric, latency);
            if (observed > limit) {
                violations.add(BudgetText.exceeded(probe, metric, observed, limit, SPAN, calls));
            }
        });
        return violations;
    }
}
