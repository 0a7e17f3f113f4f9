package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.report.ProbeSnapshot;

/**
 * A probe's budget state as the dashboard and the HTML report show it.
 *
 * <p>{@link #of} is the one place where the dashboard reads budgets from the snapshot. Budgets
 * (issue #4) are not in the snapshot yet, so every probe is {@link #NONE} for now; when they are,
 * only {@link #of} changes, and the page already colours {@code ok} green, {@code warning} amber
 * and {@code violated} red (documented in {@code docs/dashboard.md}).
 *
 * @param state  {@code none}, {@code ok}, {@code warning} or {@code violated}
 * @param detail what the page shows beside the colour, such as {@code p99 12ms > 10ms}
 */
public record BudgetState(String state, String detail) {

    public static final BudgetState NONE = new BudgetState("none", "no budget");

    static BudgetState of(ProbeSnapshot probe) {
        return NONE;
    }
}
