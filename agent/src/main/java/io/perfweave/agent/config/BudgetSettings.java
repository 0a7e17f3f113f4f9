package io.perfweave.agent.config;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code budget.*} and {@code anomaly.*} settings and the per-probe budgets
 * {@code probe.<name>.budget.*}. How a probe's budget is put together: {@link #budgetOf}.
 *
 * @param defaults      {@code budget.default.<metric>}: limits for every probe
 * @param perProbe      {@code probe.<name>.budget.*}, by probe name
 * @param windowNanos   {@code budget.window}; 0 means one reporter interval
 * @param minSamples    {@code budget.minSamples}
 * @param hysteresis    {@code budget.hysteresis} as a fraction: a violation clears only once the
 *                      observed value is at most {@code limit × (1 - hysteresis)}
 * @param anomaly       the {@code anomaly.*} keys
 */
public record BudgetSettings(BudgetLimits defaults, Map<String, BudgetLimits> perProbe, long windowNanos,
                             long minSamples, double hysteresis, AnomalySettings anomaly) {

    public static final long DEFAULT_MIN_SAMPLES = 100;
    public static final double DEFAULT_HYSTERESIS = 0.10;
    public static final BudgetSettings NONE = new BudgetSettings(BudgetLimits.NONE, Map.of(), 0, DEFAULT_MIN_SAMPLES,
            DEFAULT_HYSTERESIS, AnomalySettings.OFF);

    public BudgetSettings {
        perProbe = Map.copyOf(perProbe);
    }

    /**
     * The budget a probe runs with, each limit taken from the first source that sets it: the probe's
     * own keys, then its {@code @Profiled} annotation, then {@code budget.default.*}; the minimum sample
     * count and the window likewise, then {@code budget.minSamples} and {@code budget.window}.
     */
    public BudgetLimits budgetOf(String probe, BudgetLimits annotated) {
        BudgetLimits global = new BudgetLimits(Map.of(), OptionalLong.of(minSamples),
                windowNanos > 0 ? OptionalLong.of(windowNanos) : OptionalLong.empty());
        return perProbe.getOrDefault(probe, BudgetLimits.NONE).over(annotated).over(defaults).over(global);
    }

}
