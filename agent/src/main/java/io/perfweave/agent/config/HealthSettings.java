package io.perfweave.agent.config;

import java.util.concurrent.TimeUnit;

/**
 * The settings of JVM health and of the agent's own cost. Thresholds and budget are fractions
 * ({@code 0.6} for {@code 60%}).
 *
 * @param yellow          {@code pressure.yellow}
 * @param orange          {@code pressure.orange}
 * @param red             {@code pressure.red}
 * @param critical        {@code pressure.critical}
 * @param hysteresis      {@code pressure.hysteresis}
 * @param leakWindowNanos {@code leak.window}
 * @param overheadBudget  {@code agent.budget.overhead}; {@code NaN} when not set
 */
public record HealthSettings(double yellow, double orange, double red, double critical, double hysteresis,
                             long leakWindowNanos, double overheadBudget) {

    public static final long DEFAULT_LEAK_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(5);

    public static final HealthSettings DEFAULT = new HealthSettings(0.60, 0.75, 0.85, 0.95, 0.05,
            DEFAULT_LEAK_WINDOW_NANOS, Double.NaN);
}
