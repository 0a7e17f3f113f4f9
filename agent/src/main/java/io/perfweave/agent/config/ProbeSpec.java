package io.perfweave.agent.config;

/**
 * One probe declared in the configuration, or by a {@code @Profiled} annotation.
 *
 * @param id          small integer that woven code passes to the probe runtime; dense from 0
 * @param name        the {@code <name>} in {@code probe.<name>.method}
 * @param pattern     which methods it times
 * @param allocations {@code probe.<name>.allocations}: also measure the bytes allocated per call
 * @param annotatedBudget the budget its {@code @Profiled} annotation states; {@link BudgetLimits#NONE}
 *                    for probes of the configuration, whose budgets are in {@link BudgetSettings}
 */
public record ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, BudgetLimits annotatedBudget) {

    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations) {
        this(id, name, pattern, allocations, BudgetLimits.NONE);
    }
}
