package io.perfweave.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverheadMeterTest {

    private final AtomicLong reporterCpu = new AtomicLong(1_000_000);

    @Test
    void measuresTheReporterAndEstimatesTheProbesPerIntervalAndInTotal() {
        OverheadMeter meter = new OverheadMeter(Double.NaN, reporterCpu::get);
        meter.start(() -> { });
        long perCall = meter.sample(0, 1, 1, 0).probeCallNanos();

        reporterCpu.addAndGet(2_000_000);
        AgentCost cost = meter.sample(10_000, 1_000_000_000, 3_000_000_000L, 4096);

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
        OverheadMeter meter = new OverheadMeter(0.01, reporterCpu::get);
        meter.start(() -> { });
        assertThat(interval(meter, 50).overBudget()).isFalse();
        assertThat(interval(meter, 150).overBudget()).as("1.5% > 1%").isTrue();
        assertThat(interval(meter, 200).overBudget()).isTrue();
        assertThat(interval(meter, 95).overBudget()).as("0.95% is not yet below 90% of the budget").isTrue();
        assertThat(interval(meter, 85).overBudget()).isFalse();
        assertThat(interval(meter, 95).overBudget()).as("cleared until it goes above the budget again").isFalse();
    }

    /** One interval with no probed call in which the reporter used {@code hundredthsOfPercent} / 100 % of the process's 1 s of CPU. */
    private AgentCost interval(OverheadMeter meter, long hundredthsOfPercent) {
        reporterCpu.addAndGet(hundredthsOfPercent * 100_000);
        return meter.sample(0, 1_000_000_000, 1_000_000_000, 0);
    }

    @Test
    void unknownCpuJudgesNothing() {
        OverheadMeter meter = new OverheadMeter(0.01, () -> -1);
        meter.start(() -> { });
        AgentCost cost = meter.sample(100, 1_000, 1_000, 0);

        assertThat(cost.reporterCpuNanos()).isEqualTo(-1);
        assertThat(cost.share()).isEqualTo(-1);
        assertThat(cost.overBudget()).isFalse();
    }
}
