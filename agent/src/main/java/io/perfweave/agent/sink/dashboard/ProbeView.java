package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ExceptionCount;
import java.util.List;

/**
 * One probe as the dashboard shows it, copied out of a snapshot. Immutable, so the HTTP thread
 * may read it while the reporter builds the next one.
 *
 * @param interval          the last interval's figures
 * @param total             the figures since start
 * @param regression        the comparison with {@code baseline.compare}, or {@code null} without one
 * @param sinceStart        the latency distribution since start
 * @param lastInterval      the latency distribution of the last interval
 */
public record ProbeView(int id, String name, String pattern, List<String> methods, CallStats interval, CallStats total,
                        List<ExceptionCount> exceptions, BudgetState budget, ProbeComparison regression,
                        PercentileSpectrum sinceStart, PercentileSpectrum lastInterval) {

    public ProbeView {
        methods = List.copyOf(methods);
        exceptions = List.copyOf(exceptions);
    }
}
