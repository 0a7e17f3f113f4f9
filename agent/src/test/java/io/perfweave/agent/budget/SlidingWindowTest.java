package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Histogram interval(long value, int count) {
        Histogram histogram = new Histogram(2);
        histogram.recordValueWithCount(value, count);
        return histogram;
    }

    private static SlidingWindow.Figures add(SlidingWindow window, Histogram latency, long calls, long errors, int second) {
        return window.sum(latency, null, calls, errors, T0.plusSeconds(second), T0.plusSeconds(second + 1));
    }

    @Test
    void aWindowOfOneIntervalIsTheInterval() {
        SlidingWindow window = new SlidingWindow(1, 2);
        Histogram latency = interval(1_000, 10);
        SlidingWindow.Figures figures = add(window, latency, 12, 2, 0);

        assertThat(figures.latency()).isSameAs(latency);
        assertThat(figures.calls()).isEqualTo(12);
        assertThat(figures.errors()).isEqualTo(2);
        assertThat(figures.spanNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void addsUpTheLastIntervalsAndForgetsOlderOnes() {
        SlidingWindow window = new SlidingWindow(3, 2);
        add(window, interval(1_000_000, 100), 100, 1, 0);
        add(window, interval(2_000, 100), 100, 0, 1);
        SlidingWindow.Figures three = add(window, interval(3_000, 100), 100, 2, 2);

        assertThat(three.latency().getTotalCount()).isEqualTo(300);
        assertThat(three.latency().getValueAtPercentile(100)).isBetween(990_000L, 1_010_000L);
        assertThat(three.calls()).isEqualTo(300);
        assertThat(three.errors()).isEqualTo(3);
        assertThat(three.spanNanos()).isEqualTo(3_000_000_000L);

        SlidingWindow.Figures next = add(window, interval(4_000, 100), 100, 0, 3);
        assertThat(next.latency().getTotalCount()).isEqualTo(300);
        assertThat(next.latency().getValueAtPercentile(100)).as("the slow interval has left the window")
                .isBetween(3_960L, 4_040L);
        assertThat(next.latency().getValueAtPercentile(1)).as("the 2 us interval is still in").isBetween(2_000L, 2_020L);
        assertThat(BudgetEvaluator.observed(io.perfweave.agent.config.BudgetMetric.MAX, next.latency())).isBetween(3_960.0, 4_040.0);
        assertThat(next.latency().getMean()).as("2, 3 and 4 us").isBetween(2_990.0, 3_030.0);
        for (int second = 4; second < 10; second++) {
            add(window, interval(5_000, 100), 100, 0, second);
        }
        SlidingWindow.Figures later = add(window, interval(5_000, 100), 100, 0, 10);
        assertThat(later.latency().getTotalCount()).as("exact after many turns").isEqualTo(300);
        assertThat(later.latency().getValueAtPercentile(0)).isBetween(4_950L, 5_050L);
        assertThat(next.errors()).isEqualTo(2);
        assertThat(next.spanNanos()).isEqualTo(3_000_000_000L);
    }

    @Test
    void oneSlowCallAmongManyDoesNotMoveTheWindowsP99() {
        SlidingWindow window = new SlidingWindow(5, 2);
        SlidingWindow.Figures figures = null;
        for (int second = 0; second < 5; second++) {
            Histogram latency = interval(1_000_000, 200);
            if (second == 2) {
                latency.recordValue(500_000_000);
            }
            figures = add(window, latency, 200, 0, second);
        }
        assertThat(figures.latency().getTotalCount()).isEqualTo(1001);
        assertThat(figures.latency().getValueAtPercentile(99)).isBetween(990_000L, 1_010_000L);
        assertThat(figures.latency().getValueAtPercentile(100)).isGreaterThan(490_000_000L);
    }

    @Test
    void addsAllocationWhenMeasured() {
        SlidingWindow window = new SlidingWindow(2, 2);
        window.sum(interval(1_000, 1), interval(64, 1), 1, 0, T0, T0.plusSeconds(1));
        SlidingWindow.Figures figures = window.sum(interval(1_000, 1), interval(4_096, 1), 1, 0, T0.plusSeconds(1),
                T0.plusSeconds(2));
        assertThat(figures.allocation().getTotalCount()).isEqualTo(2);
        assertThat(figures.allocation().getValueAtPercentile(100)).isBetween(4_096L, 4_137L);
    }

    @Test
    void windowsAreWholeIntervals() {
        assertThat(BudgetEvaluator.windowIntervals(1_000, 1_000)).isEqualTo(1);
        assertThat(BudgetEvaluator.windowIntervals(10_000, 1_000)).isEqualTo(10);
        assertThat(BudgetEvaluator.windowIntervals(10_500, 1_000)).isEqualTo(11);
        assertThat(BudgetEvaluator.windowIntervals(500, 1_000)).isEqualTo(1);
        assertThat(BudgetEvaluator.windowIntervals(Long.MAX_VALUE / 2, 1)).isEqualTo(BudgetEvaluator.MAX_WINDOW_INTERVALS);
    }
}
