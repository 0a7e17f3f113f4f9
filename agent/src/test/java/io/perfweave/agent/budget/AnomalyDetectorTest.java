package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final AnomalyDetector detector = new AnomalyDetector("checkout", new AnomalySettings(true, 3, 5, 10));
    private int second;

    private Anomaly interval(double p99, long samples) {
        second++;
        return detector.judge(p99, samples, T0.plusSeconds(second - 1), T0.plusSeconds(second));
    }

    @Test
    void flagsAnIntervalFarAboveTheRecentOnesWithItsZScore() {
        double[] history = {1_000_000, 1_100_000, 900_000, 1_050_000, 950_000};
        for (double p99 : history) {
            assertThat(interval(p99, 100)).isNull();
        }
        // mean 1 ms, sample standard deviation 79,057 ns
        Anomaly anomaly = interval(2_000_000, 120);

        assertThat(anomaly).isNotNull();
        assertThat(anomaly.probe()).isEqualTo("checkout");
        assertThat(anomaly.meanNanos()).isCloseTo(1_000_000, within(0.001));
        assertThat(anomaly.stddevNanos()).isCloseTo(79_056.9, within(0.1));
        assertThat(anomaly.zScore()).isCloseTo(12.649, within(0.001));
        assertThat(anomaly.samples()).isEqualTo(120);
        assertThat(anomaly.history()).isEqualTo(5);
        assertThat(anomaly.intervalEnd()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void withinThreeStandardDeviationsIsNormal() {
        double[] history = {1_000_000, 1_100_000, 900_000, 1_050_000, 950_000};
        for (double p99 : history) {
            interval(p99, 100);
        }
        assertThat(interval(1_230_000, 100)).as("z = 2.9").isNull();
    }

    @Test
    void judgesOnlyOnceTheHistoryIsFullAndOnlyIntervalsWithEnoughCalls() {
        for (int i = 0; i < 4; i++) {
            interval(1_000_000, 100);
        }
        assertThat(interval(50_000_000, 100)).as("only 4 intervals known").isNull();
        AnomalyDetector fresh = new AnomalyDetector("x", new AnomalySettings(true, 3, 2, 10));
        fresh.judge(1_000_000, 100, T0, T0);
        fresh.judge(1_000_000, 9, T0, T0);
        assertThat(fresh.judge(9_000_000, 100, T0, T0)).as("the interval with 9 calls is not remembered").isNull();
        assertThat(fresh.judge(90_000_000, 9, T0, T0)).as("nor judged").isNull();
    }

    @Test
    void aPerfectlySteadyHistoryDoesNotTurnOneBucketIntoAnAnomaly() {
        for (int i = 0; i < 5; i++) {
            interval(1_000_000, 100);
        }
        assertThat(interval(1_020_000, 100)).as("within 3 × 1% of the mean").isNull();
        AnomalyDetector steady = new AnomalyDetector("x", new AnomalySettings(true, 3, 5, 10));
        for (int i = 0; i < 5; i++) {
            steady.judge(1_000_000, 100, T0, T0);
        }
        assertThat(steady.judge(1_040_000, 100, T0, T0)).isNotNull();
    }
}
