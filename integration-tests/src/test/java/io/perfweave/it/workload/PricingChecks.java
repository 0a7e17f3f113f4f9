package io.perfweave.it.workload;

import io.perfweave.junit.PerfweaveCheck;
import org.junit.jupiter.api.Test;

/**
 * A user's test class with {@code @PerfweaveCheck}, run by {@link JUnitPlatformApp} in a child JVM
 * (its name keeps Surefire and Failsafe from running it here). Each test's check sees only its own
 * calls of {@code price}, though all of them price in the same JVM.
 */
class PricingChecks {

    private final Pricing pricing = new Pricing();

    private void price(int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            pricing.price(nanos);
        }
    }

    /** 20 us calls against a limit of a second. */
    @Test
    @PerfweaveCheck(probes = "price", p99 = "1s")
    void fastPricesStayWithinTheLimit() {
        price(500, 20_000);
    }

    /** Every call spins at least 3 ms, so the p99 is above 1 ms however fast the machine. */
    @Test
    @PerfweaveCheck(probes = "price", p99 = "1ms")
    void slowPricesExceedTheP99Limit() {
        price(20, 3_000_000);
    }

    /** Ten times as long per call as the baseline, which was saved from 20 us calls. */
    @Test
    @PerfweaveCheck(probes = "price", baseline = "perf/baseline.json")
    void slowerPricesThanTheBaselineRegress() {
        price(2_000, 200_000);
    }

    @Test
    @PerfweaveCheck(probes = "price", p99 = "1s", whenDetached = PerfweaveCheck.WhenDetached.SKIP)
    void skippedWithoutTheAgent() {
        price(10, 1_000);
    }
}
