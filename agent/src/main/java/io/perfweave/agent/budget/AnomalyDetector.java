package io.perfweave.agent.budget;

import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import java.time.Instant;

/**
 * Flags an interval whose p99 lies more than {@code anomaly.threshold} standard deviations above the
 * mean p99 of the probe's last {@code anomaly.history} intervals (a z-score). Judging starts once that
 * many intervals are known; intervals with fewer than {@code anomaly.minSamples} calls are neither
 * judged nor remembered. Anomalous intervals join the history too, so a lasting change of level
 * becomes the new normal instead of alarming forever. Reporter thread only.
 */
final class AnomalyDetector {

    /**
     * The smallest standard deviation used, as a fraction of the mean: HdrHistogram's values are only
     * this precise with two significant digits, so a steadier history than that would turn one bucket
     * of difference into a huge z-score.
     */
    static final double MIN_RELATIVE_STDDEV = 0.01;

    private final String probe;
    private final AnomalySettings settings;
    private final double[] history;
    private int next;
    private int filled;

    AnomalyDetector(String probe, AnomalySettings settings) {
        this.probe = probe;
        this.settings = settings;
        this.history = new double[settings.history()];
    }

    /** @return the anomaly this interval is, or {@code null} */
    Anomaly judge(double p99, long samples, Instant start, Instant end) {
        if (samples < settings.minSamples()) {
            return null;
        }
        Anomaly anomaly = null;
        if (filled == history.length) {
            double mean = 0;
            for (double value : history) {
                mean += value;
            }
            mean /= history.length;
            double squares = 0;
            for (double value : history) {
                squares += (value - mean) * (value - mean);
            }
            double stddev = Math.max(Math.sqrt(squares / (history.length - 1)), Math.max(mean * MIN_RELATIVE_STDDEV, 1));
            double z = (p99 - mean) / stddev;
            if (z > settings.threshold()) {
                anomaly = new Anomaly(probe, p99, mean, stddev, z, settings.threshold(), samples, history.length, start, end);
            }
        }
        history[next] = p99;
        next = (next + 1) % history.length;
        filled = Math.min(filled + 1, history.length);
        return anomaly;
    }
}
