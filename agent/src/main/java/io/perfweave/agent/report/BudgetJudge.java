package io.perfweave.agent.report;

import io.perfweave.agent.config.ProbeSpec;
import java.time.Instant;
import org.HdrHistogram.AbstractHistogram;

/**
 * Judges each probe's budget at the end of each interval, on the reporter thread, before the
 * snapshot is built, so that every sink sees the same {@link BudgetStatus}. The histograms are lent
 * for the call only.
 */
public interface BudgetJudge {

    BudgetJudge NONE = (probe, interval, latency, allocation, start, end) -> BudgetStatus.NONE;

    /**
     * @param interval   the probe's figures of the interval that just closed
     * @param latency    their latency histogram, nanoseconds
     * @param allocation their allocation histogram, bytes per call; {@code null} unless the probe measures it
     */
    BudgetStatus judge(ProbeSpec probe, CallStats interval, AbstractHistogram latency, AbstractHistogram allocation,
                       Instant start, Instant end);
}
