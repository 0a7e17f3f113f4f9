package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.report.BudgetStatus;
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
 * @param violations        its budget violations, ongoing and cleared, as the snapshot keeps them (oldest first)
 * @param samplePeriod      N of its {@code sample = 1/N}
 * @param adaptive          whether adaptive sampling may lower its timing rate
 * @param periodInForce     N of the one-in-N timing in force in the last interval
 */
public record ProbeView(int id, String name, String pattern, List<String> methods, CallStats interval, CallStats total,
                        List<ExceptionCount> exceptions, BudgetState budget, ProbeComparison regression,
                        PercentileSpectrum sinceStart, PercentileSpectrum lastInterval,
                        List<BudgetStatus.Violation> violations, int samplePeriod, boolean adaptive,
                        ProbePriority priority, int periodInForce) {

    public ProbeView {
        methods = List.copyOf(methods);
        exceptions = List.copyOf(exceptions);
        violations = List.copyOf(violations);
    }

    /** Whether adaptive sampling times fewer of its calls than its own rate asks for. */
    public boolean rateLowered() {
        return periodInForce > samplePeriod;
    }
}
