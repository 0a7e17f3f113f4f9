package io.perfweave.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverheadMeterTest {

    private final AtomicLong reporterCpu = new AtomicLong(1_000_000);
    private Instant end = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void measuresTheReporterAndEstimatesTheProbesPerIntervalAndInTotal() {
        OverheadMeter meter = new OverheadMeter(Double.NaN, reporterCpu::get, null);
        meter.start(() -> { });
        long perCall = meter.sample(0, 1, 1, 0, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).probeCallNanos();

        reporterCpu.addAndGet(2_000_000);
        AgentCost cost = meter.sample(10_000, 1_000_000_000, 3_000_000_000L, 4096, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

        assertThat(perCall).isPositive();
        assertThat(cost.probeCalls()).isEqualTo(10_000);
        assertThat(cost.probeCostNanos()).isEqualTo(10_000 * perCall);
        assertThat(cost.probeCostNanosTotal()).isEqualTo(10_000 * perCall);
        assertThat(cost.reporterCpuNanos()).isEqualTo(2_000_000);
        assertThat(cost.share()).isEqualTo((2_000_000 + 10_000.0 * perCall) / 1_000_000_000);
        assertThat(cost.reporterShare()).isEqualTo(0.002);
        assertThat(cost.retainedBytes()).isEqualTo(4096);
        assertThat(cost.overBudget()).isFalse();
    }

    @Test
    void theBudgetIsRaisedOnceAndClearedOnceBelowItsMargin() {
        OverheadMeter meter = new OverheadMeter(0.01, reporterCpu::get, null);
        meter.start(() -> { });
        assertThat(interval(meter, 50).overBudget()).isFalse();
        assertThat(interval(meter, 150).overBudget()).as("1.5% > 1%").isTrue();
        assertThat(interval(meter, 200).overBudget()).isTrue();
        assertThat(interval(meter, 95).overBudget()).as("0.95% is not yet below 90% of the budget").isTrue();
        assertThat(interval(meter, 85).overBudget()).isFalse();
        assertThat(interval(meter, 95).overBudget()).as("cleared until it goes above the budget again").isFalse();
    }

    @Test
    void aViolationIsReportedOnceWhenRaisedAndOnceWhenClearedWithItsFigures() {
        OverheadMeter meter = new OverheadMeter(0.01, reporterCpu::get, null);
        meter.start(() -> { });
        assertThat(interval(meter, 50).changes()).isEmpty();

        AgentCost raisedIn = interval(meter, 150);
        assertThat(raisedIn.changes()).singleElement().satisfies(v -> {
            assertThat(v.ongoing()).isTrue();
            assertThat(v.limit()).isEqualTo(0.01);
            assertThat(v.observed()).isCloseTo(0.015, within(1e-9));
            assertThat(v.windowNanos()).isEqualTo(1_000_000_000);
            assertThat(v.raised()).isEqualTo(end);
            assertThat(v.message()).startsWith("agent overhead budget violated: the agent used 1.50% of the process's CPU");
        });
        assertThat(interval(meter, 200).changes()).as("ongoing, not raised again").isEmpty();

        AgentCost clearedIn = interval(meter, 85);
        assertThat(clearedIn.changes()).singleElement().satisfies(v -> {
            assertThat(v.ongoing()).isFalse();
            assertThat(v.raised()).isEqualTo(raisedIn.changes().get(0).raised());
            assertThat(v.cleared()).isEqualTo(end);
            assertThat(v.observed()).as("the share it was raised with").isCloseTo(0.015, within(1e-9));
            assertThat(v.clearedObserved()).isCloseTo(0.0085, within(1e-9));
            assertThat(v.message()).startsWith("agent overhead budget cleared: the agent used 0.85% of the process's CPU");
        });
        assertThat(clearedIn.violations()).containsExactlyElementsOf(clearedIn.changes());
        assertThat(interval(meter, 150).violations()).as("the cleared one kept, a new one ongoing").hasSize(2)
                .extracting(OverheadViolation::ongoing).containsExactly(false, true);
    }

    /** One interval with no probed call in which the reporter used {@code hundredthsOfPercent} / 100 % of the process's 1 s of CPU. */
    private AgentCost interval(OverheadMeter meter, long hundredthsOfPercent) {
        reporterCpu.addAndGet(hundredthsOfPercent * 100_000);
        Instant start = end;
        end = end.plusSeconds(1);
        return meter.sample(0, 1_000_000_000, 1_000_000_000, 0, start, end);
    }

    @Test
    void unknownCpuJudgesNothing() {
        OverheadMeter meter = new OverheadMeter(0.01, () -> -1, null);
        meter.start(() -> { });
        AgentCost cost = meter.sample(100, 1_000, 1_000, 0, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

        assertThat(cost.reporterCpuNanos()).isEqualTo(-1);
        assertThat(cost.share()).isEqualTo(-1);
        assertThat(cost.overBudget()).isFalse();
    }
}
