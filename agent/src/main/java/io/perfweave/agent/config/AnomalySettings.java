package io.perfweave.agent.config;

/**
 * The {@code anomaly.*} keys: flag an interval whose p99 lies far above the probe's recent intervals.
 *
 * @param enabled    {@code anomaly.enabled}
 * @param threshold  {@code anomaly.threshold}: how many standard deviations above the mean is anomalous
 * @param history    {@code anomaly.history}: how many earlier intervals make the recent history
 * @param minSamples {@code anomaly.minSamples}: intervals with fewer calls are neither judged nor remembered
 */
public record AnomalySettings(boolean enabled, double threshold, int history, long minSamples) {

    public static final double DEFAULT_THRESHOLD = 3;
    public static final int DEFAULT_HISTORY = 30;
    public static final long DEFAULT_MIN_SAMPLES = 100;
    public static final AnomalySettings OFF = new AnomalySettings(false, DEFAULT_THRESHOLD, DEFAULT_HISTORY,
            DEFAULT_MIN_SAMPLES);
}
