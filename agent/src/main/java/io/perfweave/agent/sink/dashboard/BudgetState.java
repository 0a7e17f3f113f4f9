package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.budget.BudgetText;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.ProbeSnapshot;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A probe's budget state as the dashboard and the HTML report show it.
 *
 * <p>{@link #of} is the one place where the dashboard reads budgets from the snapshot: a probe with
 * an ongoing violation is {@code violated} (red), one whose latest interval was a latency anomaly
 * is {@code warning} (amber), one with limits and neither is {@code ok} (green), and a probe without
 * limits is {@code none} (documented in {@code docs/dashboard.md}).
 *
 * @param state  {@code none}, {@code ok}, {@code warning} or {@code violated}
 * @param detail what the page shows beside the colour, such as {@code p99 12ms > 10ms}
 */
public record BudgetState(String state, String detail) {

    public static final BudgetState NONE = new BudgetState("none", "no budget");

    static BudgetState of(ProbeSnapshot probe) {
        BudgetStatus budget = probe.budget();
        if (budget.limits().isEmpty() && budget.newAnomalies().isEmpty()) {
            return NONE;
        }
        StringJoiner ongoing = new StringJoiner(", ");
        for (BudgetStatus.Violation violation : budget.violations()) {
            if (violation.ongoing()) {
                ongoing.add(violation.metric().key() + " " + BudgetText.value(violation.metric(), violation.observed())
                        + " > " + BudgetText.value(violation.metric(), violation.limit()));
            }
        }
        if (ongoing.length() > 0) {
            return new BudgetState("violated", ongoing.toString());
        }
        if (!budget.newAnomalies().isEmpty()) {
            BudgetStatus.Anomaly anomaly = budget.newAnomalies().get(budget.newAnomalies().size() - 1);
            return new BudgetState("warning", String.format(Locale.ROOT, "p99 anomaly: %.1f standard deviations above"
                    + " its recent intervals", anomaly.zScore()));
        }
        StringJoiner limits = new StringJoiner(", ");
        for (BudgetStatus.Limit limit : budget.limits()) {
            limits.add(limit.metric().key() + " <= " + BudgetText.value(limit.metric(), limit.limit()));
        }
        return new BudgetState("ok", limits.toString());
    }
}
