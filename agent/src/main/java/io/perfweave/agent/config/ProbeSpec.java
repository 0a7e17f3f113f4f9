package io.perfweave.agent.config;

/**
 * One probe declared in the configuration, or by a {@code @Profiled} annotation.
 *
 * @param id          small integer that woven code passes to the probe runtime; dense from 0
 * @param name        the {@code <name>} in {@code probe.<name>.method}
 * @param pattern     which methods it times
 * @param allocations {@code probe.<name>.allocations}: also measure the bytes allocated per call
 * @param samplePeriod {@code probe.<name>.sample = 1/N}: N, time one call in N (every call is counted); 1 times every call
 * @param annotatedBudget the budget its {@code @Profiled} annotation states; {@link BudgetLimits#NONE}
 *                    for probes of the configuration, whose budgets are in {@link BudgetSettings}
 * @param priority    {@code probe.<name>.priority}: how far adaptive sampling may lower its rate
 */
public record ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, int samplePeriod,
                        BudgetLimits annotatedBudget, ProbePriority priority) {

    /** A probe of normal priority. */
    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, int samplePeriod,
                     BudgetLimits annotatedBudget) {
        this(id, name, pattern, allocations, samplePeriod, annotatedBudget, ProbePriority.NORMAL);
    }

    /** A probe that times every call and has no budget of its own. */
    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations) {
        this(id, name, pattern, allocations, 1, BudgetLimits.NONE);
    }

    /** A probe of the configuration: its budgets, if any, are in {@link BudgetSettings}. */
    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, int samplePeriod) {
        this(id, name, pattern, allocations, samplePeriod, BudgetLimits.NONE);
    }

    /** A probe that times every call, with the budget of its {@code @Profiled} annotation. */
    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, BudgetLimits annotatedBudget) {
        this(id, name, pattern, allocations, 1, annotatedBudget);
    }

    /** The same probe under another id (a reload issues a fresh one). */
    public ProbeSpec withId(int newId) {
        return new ProbeSpec(newId, name, pattern, allocations, samplePeriod, annotatedBudget, priority);
    }
}
