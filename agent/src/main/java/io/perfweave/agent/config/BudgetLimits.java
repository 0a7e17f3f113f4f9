package io.perfweave.agent.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The budget of one probe as one source states it (the probe's keys, {@code budget.default.*} or a
 * {@code @Profiled} annotation): limits by metric, and optionally a minimum sample count and a window.
 * {@link #over} layers one source on another.
 *
 * @param limits     nanoseconds, bytes or a fraction, by metric
 * @param minSamples fewer samples in the window than this, and the window is not judged
 * @param windowNanos the stretch of time each judgement covers
 */
public record BudgetLimits(Map<BudgetMetric, Double> limits, OptionalLong minSamples, OptionalLong windowNanos) {

    public static final BudgetLimits NONE = new BudgetLimits(Map.of(), OptionalLong.empty(), OptionalLong.empty());

    public BudgetLimits {
        EnumMap<BudgetMetric, Double> copy = new EnumMap<>(BudgetMetric.class);
        copy.putAll(limits);
        limits = Collections.unmodifiableMap(copy);
    }

    /** This budget where it says something, {@code fallback} where it does not. */
    public BudgetLimits over(BudgetLimits fallback) {
        EnumMap<BudgetMetric, Double> merged = new EnumMap<>(BudgetMetric.class);
        merged.putAll(fallback.limits);
        merged.putAll(limits);
        return new BudgetLimits(merged,
                minSamples.isPresent() ? minSamples : fallback.minSamples,
                windowNanos.isPresent() ? windowNanos : fallback.windowNanos);
    }

    public boolean hasLimits() {
        return !limits.isEmpty();
    }
}
