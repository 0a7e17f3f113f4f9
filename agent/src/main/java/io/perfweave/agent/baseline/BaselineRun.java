package io.perfweave.agent.baseline;

import java.time.Instant;

/**
 * One of the runs a {@link Baseline} was made from: a baseline saved by one run has one, a merged
 * baseline ({@code baseline merge}) one per run merged.
 *
 * @param label     the run's {@code baseline.label}, possibly empty
 * @param startTime when the run's agent started
 * @param endTime   when the run's baseline was taken
 */
public record BaselineRun(String label, String agentVersion, String jvmVersion, Instant startTime, Instant endTime) {
}
