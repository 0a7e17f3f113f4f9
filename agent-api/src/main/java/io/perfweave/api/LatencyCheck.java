package io.perfweave.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What to judge: the calls of some probes, against a baseline file saved by the agent
 * ({@code baseline.save}), latency limits, and/or the latency budgets the agent's configuration gives
 * the probes ({@link #budgets()}). Limits are durations such as {@code 5ms} or {@code 250us}; calls
 * exceeding none of them pass. Immutable; each method returns a new check.
 *
 * <pre>{@code
 * Checkpoint before = Perfweave.checkpoint();
 * pricing.price(order);
 * CheckResult result = Perfweave.check(before, LatencyCheck.of("price").p99("5ms").baseline("perf/baseline.json"));
 * }</pre>
 */
public final class LatencyCheck {

    private final List<String> probes;
    private final String baseline;
    private final String p50;
    private final String p99;
    private final String max;
    private final boolean budgets;

    private LatencyCheck(List<String> probes, String baseline, String p50, String p99, String max, boolean budgets) {
        this.probes = probes;
        this.baseline = baseline;
        this.p50 = p50;
        this.p99 = p99;
        this.max = max;
        this.budgets = budgets;
    }

    /** The probes to judge, by their names in the agent's configuration. */
    public static LatencyCheck of(String... probes) {
        return new LatencyCheck(List.of(probes), "", "", "", "", false);
    }

    /** A baseline file, resolved against the working directory; empty for none. */
    public LatencyCheck baseline(String file) {
        String resolved = file == null || file.isEmpty() ? "" : Path.of(file).toAbsolutePath().toString();
        return new LatencyCheck(probes, resolved, p50, p99, max, budgets);
    }

    public LatencyCheck p50(String limit) {
        return new LatencyCheck(probes, baseline, orEmpty(limit), p99, max, budgets);
    }

    public LatencyCheck p99(String limit) {
        return new LatencyCheck(probes, baseline, p50, orEmpty(limit), max, budgets);
    }

    public LatencyCheck max(String limit) {
        return new LatencyCheck(probes, baseline, p50, p99, orEmpty(limit), budgets);
    }

    /**
     * Also judges each probe's latency budget as the agent's configuration gives it
     * ({@code probe.<name>.budget.p50}, {@code p90}, {@code p99}, {@code p999}, {@code max},
     * {@code mean}, its {@code @Profiled} budget, {@code budget.default.*}), over the calls since the
     * checkpoint instead of the agent's window. Fewer calls than the budget's {@code minSamples}
     * fail the check; a probe without a latency budget makes it an error.
     */
    public LatencyCheck budgets() {
        return new LatencyCheck(probes, baseline, p50, p99, max, true);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    List<String> probes() {
        return probes;
    }

    String baseline() {
        return baseline;
    }

    String p50() {
        return p50;
    }

    String p99() {
        return p99;
    }

    String max() {
        return max;
    }

    boolean judgesBudgets() {
        return budgets;
    }
}
