package io.perfweave.agent.baseline;

import java.util.List;

/**
 * One probe, baseline against current: the overall verdict and the metrics behind it.
 *
 * @param baselineSamples timed calls in the baseline (0 when the baseline lacks the probe)
 * @param currentSamples  timed calls now (0 when the current run lacks the probe)
 * @param rule            the rule the probe was judged by
 * @param baselineRuns    how many runs the baseline is made of
 * @param reason          why the probe could not be judged, or {@code null}
 * @param note            a remark on the verdict, such as a latency regression that comes from probed
 *                        callees, or {@code null}
 */
public record ProbeComparison(String name, RegressionStatus status, long baselineSamples, long currentSamples,
                              int baselineRuns, RegressionRule rule, List<MetricComparison> metrics, String reason,
                              String note) {

    /** The metrics whose own status is {@code status}. */
    public List<MetricComparison> metricsWithStatus(RegressionStatus wanted) {
        return metrics.stream().filter(m -> m.status() == wanted).toList();
    }
}
