package io.perfweave.agent.check;

import io.perfweave.agent.config.DurationValue;
import io.perfweave.agent.sink.console.HumanUnits;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * Upper limits for a probe's latency, given by a test ({@code @PerfweaveCheck(p99 = "5ms")}): the
 * p50, the p99 and the slowest call. A limit of {@value #NONE} is not set. These are the test's own;
 * the budgets of the agent's configuration are judged by {@link LatencyBudget}.
 */
public record LatencyLimits(long p50Nanos, long p99Nanos, long maxNanos) {

    public static final long NONE = -1;

    /** Parses each limit; an empty text is no limit. */
    public static LatencyLimits parse(String p50, String p99, String max) {
        return new LatencyLimits(parse("p50", p50), parse("p99", p99), parse("max", max));
    }

    private static long parse(String name, String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        try {
            return DurationValue.parseNanos(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " limit: " + e.getMessage());
        }
    }

    public boolean any() {
        return p50Nanos != NONE || p99Nanos != NONE || maxNanos != NONE;
    }

    /**
     * Every limit the probe's calls exceed, one sentence each; a probe without calls exceeds none but
     * cannot be judged, which is a violation too: a limit that was never tested must not pass.
     */
    public List<String> violations(String probe, AbstractHistogram latency) {
        List<String> violations = new ArrayList<>();
        long calls = latency.getTotalCount();
        if (calls == 0) {
            violations.add(probe + ": no timed call since the checkpoint, so its limits cannot be judged");
            return violations;
        }
        check(violations, probe, "p50", latency.getValueAtPercentile(50), p50Nanos, calls);
        check(violations, probe, "p99", latency.getValueAtPercentile(99), p99Nanos, calls);
        check(violations, probe, "max", latency.getMaxValue(), maxNanos, calls);
        return violations;
    }

    private static void check(List<String> violations, String probe, String metric, long value, long limit, long calls) {
        if (limit != NONE && value > limit) {
            violations.add(probe + " " + metric + " " + HumanUnits.nanos(value) + " is above the limit "
                    + HumanUnits.nanos(limit) + " (" + calls + " timed calls since the checkpoint)");
        }
    }
}
