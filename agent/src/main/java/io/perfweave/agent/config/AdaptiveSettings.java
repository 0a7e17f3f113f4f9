package io.perfweave.agent.config;

/**
 * {@code adaptive} and the periods it lowers probes to under memory pressure (N of {@code 1/N}). Critical
 * pressure counts as red. A probe's own {@code sample = 1/N} is a floor: it is never timed more often
 * than that.
 *
 * @param enabled      {@code adaptive}
 * @param normalOrange {@code adaptive.normal.orange}
 * @param normalRed    {@code adaptive.normal.red}
 * @param lowOrange    {@code adaptive.low.orange}
 * @param lowRed       {@code adaptive.low.red}
 */
public record AdaptiveSettings(boolean enabled, int normalOrange, int normalRed, int lowOrange, int lowRed) {

    public static final AdaptiveSettings DEFAULT = new AdaptiveSettings(false, 4, 16, 16, 64);

    /** Whether a probe's period is read at run time, so that pressure can lower its rate. */
    public boolean adapts(ProbeSpec probe) {
        return enabled && probe.priority() != ProbePriority.HIGH;
    }

    /**
     * The period adaptive sampling asks of a probe of this priority at orange ({@code red} false) or
     * red and critical ({@code red} true) pressure; 1 for high priority.
     */
    public int reducedPeriod(ProbePriority priority, boolean red) {
        return switch (priority) {
            case HIGH -> 1;
            case NORMAL -> red ? normalRed : normalOrange;
            case LOW -> red ? lowRed : lowOrange;
        };
    }
}
