package io.perfweave.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void summarizesAKnownHistogram() {
        // Three significant digits keep every value below 2048 exact, so the figures are too.
        Histogram histogram = new Histogram(3);
        for (long value = 1; value <= 1000; value++) {
            histogram.recordValue(value);
        }

        LatencySummary summary = LatencySummary.of(histogram);

        assertThat(summary.samples()).isEqualTo(1000);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.p50()).isEqualTo(500);
        assertThat(summary.p90()).isEqualTo(900);
        assertThat(summary.p99()).isEqualTo(990);
        assertThat(summary.p999()).isEqualTo(999);
        assertThat(summary.max()).isEqualTo(1000);
        assertThat(summary.mean()).isCloseTo(500.5, within(0.01));
    }

    @Test
    void largeValuesStayWithinThePrecisionOfTheHistogram() {
        Histogram histogram = new Histogram(2);
        histogram.recordValue(5_000_000);
        histogram.recordValue(7_000_000);

        LatencySummary summary = LatencySummary.of(histogram);

        assertThat(summary.samples()).isEqualTo(2);
        assertThat(summary.min()).isLessThanOrEqualTo(5_000_000).isGreaterThan(4_900_000);
        assertThat(summary.max()).isGreaterThanOrEqualTo(7_000_000).isLessThan(7_100_000);
        assertThat(summary.p50()).isLessThanOrEqualTo(summary.p90());
        assertThat(summary.p999()).isLessThanOrEqualTo(summary.max());
    }

    @Test
    void anEmptyHistogramGivesTheEmptySummary() {
        assertThat(LatencySummary.of(new Histogram(2))).isEqualTo(LatencySummary.EMPTY);
        assertThat(LatencySummary.EMPTY.samples()).isZero();
    }
}
