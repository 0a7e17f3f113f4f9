package io.perfweave.agent.baseline;

import io.perfweave.agent.report.LatencySummary;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One probe in a {@link Baseline}.
 *
 * @param latency          the summary percentiles, for people (recomputed from the histogram when read)
 * @param latencyHistogram latency of every timed call, in nanoseconds; owned by this record, never
 *                         modified after construction
 */
public record BaselineProbe(String name, String pattern, List<String> methods, long count, long errors,
                            long dropped, LatencySummary latency, Histogram latencyHistogram) {
}
