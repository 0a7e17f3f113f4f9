package io.perfweave.agent.baseline;

/**
 * One percentile of one probe, baseline against current.
 *
 * <p>{@code changeLow} and {@code changeHigh} bound the relative change with the rule's confidence:
 * they come from distribution-free confidence intervals of the percentile on each side (see
 * {@link RegressionRule}). All three changes are {@code NaN} when the metric was not judged. Against a
 * baseline of several runs they are those of the run closest to the current value, the one that
 * decides: a metric regressed only when it regressed against every run.
 *
 * @param metric          {@code p50}, {@code p99}, {@code selfTime.p50}, {@code allocation.p99}...
 * @param measure         what the values measure, and so their unit (nanoseconds or bytes)
 * @param baselineValue   the percentile in the baseline run closest to the current value
 * @param currentValue    the percentile now
 * @param baselineLowest  the lowest of the baseline runs' values of the percentile
 * @param baselineHighest the highest of them (equal to the lowest for a baseline of one run)
 * @param baselineRuns    how many baseline runs it was compared with
 * @param change          {@code current / baseline - 1}: {@code 0.25} is 25% slower (or more bytes)
 * @param decisive        whether it counts towards the probe's status: latency does not when self time
 *                        is judged, it is shown for information
 * @param reason          why the metric was not judged, or {@code null}
 */
public record MetricComparison(String metric, Measure measure, double percentile, RegressionStatus status,
                               long baselineValue, long currentValue, long baselineLowest, long baselineHighest,
                               int baselineRuns, double change, double changeLow, double changeHigh,
                               boolean decisive, String reason) {

    public boolean judged() {
        return status != RegressionStatus.INSUFFICIENT_DATA;
    }

    MetricComparison informative() {
        return new MetricComparison(metric, measure, percentile, status, baselineValue, currentValue, baselineLowest,
                baselineHighest, baselineRuns, change, changeLow, changeHigh, false, reason);
    }
}
