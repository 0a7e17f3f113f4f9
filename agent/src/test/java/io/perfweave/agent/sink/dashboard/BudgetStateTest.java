package io.perfweave.agent.sink.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What the dashboard's budget column says for each state of a probe's budget. */
class BudgetStateTest {

    private static final Instant RAISED = Instant.parse("2026-11-23T10:00:00Z");
    private static final BudgetStatus.Limit P99_LIMIT = new BudgetStatus.Limit(BudgetMetric.P99, 25_000_000, false);

    private static ProbeSnapshot probe(BudgetStatus budget) {
        CallStats total = new CallStats(1, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, 0, 0);
        return new ProbeSnapshot(0, "checkout", "com.acme.Checkout#run", List.of(), 1, total, total, new Histogram(2),
                new Histogram(2), List.of(), budget);
    }

    @Test
    void aProbeWithoutLimitsHasNoBudget() {
        assertThat(BudgetState.of(probe(BudgetStatus.NONE))).isEqualTo(BudgetState.NONE);
    }

    @Test
    void aProbeWithinItsLimitsIsOkAndShowsThem() {
        BudgetState state = BudgetState.of(probe(new BudgetStatus(List.of(P99_LIMIT), List.of(), List.of(), List.of(), List.of())));

        assertThat(state.state()).isEqualTo("ok");
        assertThat(state.detail()).isEqualTo("p99 <= 25.0ms");
    }

    @Test
    void anOngoingViolationIsViolatedWithTheObservedValueAndTheLimit() {
        BudgetStatus.Violation ongoing = new BudgetStatus.Violation("checkout", BudgetMetric.P99, 25_000_000, 31_200_000,
                1204, 10_000_000_000L, RAISED, null, Double.NaN, 0);
        BudgetStatus.Violation cleared = new BudgetStatus.Violation("checkout", BudgetMetric.MAX, 50_000_000, 60_000_000,
                1000, 10_000_000_000L, RAISED, RAISED.plusSeconds(20), 40_000_000, 900);
        BudgetStatus budget = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25_000_000, true)),
                List.of(cleared, ongoing), List.of(), List.of(), List.of());

        BudgetState state = BudgetState.of(probe(budget));

        assertThat(state.state()).isEqualTo("violated");
        assertThat(state.detail()).isEqualTo("p99 31.2ms > 25.0ms");
    }

    @Test
    void aLatencyAnomalyInTheLatestIntervalIsAWarning() {
        BudgetStatus.Anomaly anomaly = new BudgetStatus.Anomaly("checkout", 48_000_000, 20_300_000, 5_300_000, 5.23, 3,
                950, 30, RAISED, RAISED.plusSeconds(1));
        BudgetState state = BudgetState.of(probe(new BudgetStatus(List.of(P99_LIMIT), List.of(), List.of(),
                List.of(anomaly), List.of(anomaly))));

        assertThat(state.state()).isEqualTo("warning");
        assertThat(state.detail()).startsWith("p99 anomaly: 5.2 standard deviations");
    }
}
