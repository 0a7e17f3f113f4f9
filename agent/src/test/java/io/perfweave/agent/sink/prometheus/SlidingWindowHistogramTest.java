package io.perfweave.agent.sink.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SlidingWindowHistogramTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static Histogram interval(long... values) {
        Histogram histogram = new Histogram(2);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private static long countIn(SlidingWindowHistogram window) {
        Histogram sum = new Histogram(2);
        window.copyInto(sum);
        return sum.getTotalCount();
    }

    @Test
    void keepsTheIntervalsOfTheWindowAndForgetsOlderOnes() {
        // 10 s window: five age buckets of 2 s.
        SlidingWindowHistogram window = new SlidingWindowHistogram(10 * SECOND);
        window.add(interval(100), SECOND);
        window.add(interval(200, 300), 3 * SECOND);
        assertThat(countIn(window)).isEqualTo(3);

        window.add(interval(), 9 * SECOND);
        assertThat(countIn(window)).as("everything is younger than the window").isEqualTo(3);

        window.add(interval(400), 11 * SECOND);
        assertThat(countIn(window)).as("the first age bucket (0-2 s) is gone").isEqualTo(3);

        window.add(interval(), 13 * SECOND);
        assertThat(countIn(window)).as("the second age bucket (2-4 s) is gone too").isEqualTo(1);

        window.add(interval(), 60 * SECOND);
        assertThat(countIn(window)).as("a long quiet spell empties the window").isZero();
    }

    @Test
    void doesNotModifyTheIntervalHistogramItIsGiven() {
        Histogram lent = interval(100, 200);
        SlidingWindowHistogram window = new SlidingWindowHistogram(10 * SECOND);

        window.add(lent, SECOND);

        assertThat(lent.getTotalCount()).isEqualTo(2);
        assertThat(lent.getTag()).isNull();
    }

    @Test
    void aProbeThatNeverRanHasAnEmptyWindow() {
        SlidingWindowHistogram window = new SlidingWindowHistogram(10 * SECOND);
        window.add(interval(), SECOND);

        assertThat(countIn(window)).isZero();
    }
}
