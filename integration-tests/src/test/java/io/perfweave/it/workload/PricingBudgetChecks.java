package io.perfweave.it.workload;

import io.perfweave.junit.PerfweaveCheck;
import org.junit.jupiter.api.Test;

/**
 * A user's test class judging the budgets of the agent's configuration with
 * {@code @PerfweaveCheck(budgets = true)}, run by {@link JUnitPlatformApp} in a child JVM. The
 * configuration gives {@code quote} a budget (p50 2 ms, at least 10 calls) and {@code price} none.
 */
class PricingBudgetChecks {

    private final Pricing pricing = new Pricing();

    private void quote(int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            pricing.quote(nanos);
        }
    }

    /** 20 us calls: half of them would have to stall for 2 ms to break the budget. */
    @Test
    @PerfweaveCheck(probes = "quote", budgets = true)
    void fastQuotesStayWithinTheirBudget() {
        quote(200, 20_000);
    }

    /** Every call spins at least 3 ms, so the p50 is above 2 ms however fast the machine. */
    @Test
    @PerfweaveCheck(probes = "quote", budgets = true)
    void slowQuotesExceedTheirBudget() {
        quote(20, 3_000_000);
    }

    @Test
    @PerfweaveCheck(probes = "quote", budgets = true)
    void tooFewQuotesCannotBeJudged() {
        quote(5, 1_000);
    }

    @Test
    @PerfweaveCheck(probes = "price", budgets = true)
    void aProbeWithoutABudgetCannotBeCheckedAgainstOne() {
        pricing.price(1_000);
    }
}
