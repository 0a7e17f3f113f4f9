package io.perfweave.agent.sink.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileSpectrumTest {

    @Test
    void everyPointIsTheHistogramsOwnValueAtThatPercentile() {
        Histogram histogram = new Histogram(2);
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            histogram.recordValue(100 + (long) Math.exp(random.nextDouble() * 16));
        }

        PercentileSpectrum spectrum = PercentileSpectrum.of(histogram);

        assertThat(spectrum.size()).as("five points per halving down to one sample in 100,000").isBetween(80, 90);
        assertThat(spectrum.percentile(0)).isZero();
        assertThat(spectrum.percentile(5)).isEqualTo(50.0);
        assertThat(spectrum.percentile(spectrum.size() - 1)).isEqualTo(100.0);
        for (int i = 0; i < spectrum.size(); i++) {
            assertThat(spectrum.valueNanos(i)).as("at %s%%", spectrum.percentile(i))
                    .isEqualTo(histogram.highestEquivalentValue(histogram.getValueAtPercentile(spectrum.percentile(i))));
            if (i > 0) {
                assertThat(spectrum.percentile(i)).isGreaterThan(spectrum.percentile(i - 1));
                assertThat(spectrum.valueNanos(i)).isGreaterThanOrEqualTo(spectrum.valueNanos(i - 1));
            }
        }
        assertThat(spectrum.valueNanos(spectrum.size() - 1)).isEqualTo(histogram.highestEquivalentValue(histogram.getMaxValue()));
    }

    @Test
    void anEmptyHistogramHasNoPointsAndOneSampleHasItsValueAtEveryPercentile() {
        assertThat(PercentileSpectrum.of(new Histogram(2)).size()).isZero();
        Histogram one = new Histogram(2);
        one.recordValue(1234);

        PercentileSpectrum spectrum = PercentileSpectrum.of(one);

        assertThat(spectrum.size()).isEqualTo(2);
        assertThat(spectrum.valueNanos(0)).isEqualTo(spectrum.valueNanos(1)).isEqualTo(one.highestEquivalentValue(1234));
    }
}
