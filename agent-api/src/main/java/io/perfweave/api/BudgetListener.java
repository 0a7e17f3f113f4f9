package io.perfweave.api;

/**
 * Told by the Perfweave agent when a probe's budget is exceeded, when it is back within it, and
 * (with {@code anomaly.enabled = true}) when an interval's p99 is anomalous. Add one with
 * {@link Perfweave#addBudgetListener}.
 *
 * <p>Called on the agent's {@code perfweave-budget-listeners} thread, one event after another; a
 * listener that throws is logged by the agent and called again for later events.
 */
@FunctionalInterface
public interface BudgetListener {

    void onBudgetEvent(BudgetEvent event);
}
