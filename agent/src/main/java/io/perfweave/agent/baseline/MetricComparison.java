package io.perfweave.agent.baseline;

/**
 * One percentile of one probe, baseline against current.
 *
 * <p>{@code changeLow} and {@code changeHigh} bound the relative change with the rule's confidence:
 * they come from distribution-free confidence intervals of the percentile on each side (see
 * {@link RegressionRule}). All three changes are {@code NaN} when the metric was not judged.
 *
 * @param metric          {@code p50} or {@code p99}
 * @param baselineNanos   the percentile in the baseline
 * @param currentNanos    the percentile now
 * @param change          {@code current / baseline - 1}: {@code 0.25} is 25% slower
 * @param reason          why the metric was not judged, or {@code null}
 */
public record MetricComparison(String metric, double percentile, RegressionStatus status, long baselineNanos,
                               long currentNanos, double change, double changeLow, double changeHigh,
                               String reason) {

    public boolean judged() {
        return status != RegressionStatus.INSUFFICIENT_DATA;
    }
}
