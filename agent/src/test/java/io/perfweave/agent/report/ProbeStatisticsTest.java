package io.perfweave.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.Probes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeStatisticsTest {

    /** A probe id no other test uses: drop counters are global. */
    private static final int PROBE = 4090;

    private int previousMaxCapacity;

    @BeforeEach
    void resetDrops() {
        previousMaxCapacity = ProbeRings.maxCapacity();
        ProbeRings.resetDropped(PROBE);
    }

    @AfterEach
    void restore() {
        ProbeRings.setMaxCapacity(previousMaxCapacity);
        ProbeRings.resetDropped(PROBE);
    }

    @Test
    void anIntervalCountsItsOwnCallsAndTheTotalKeepsGrowing() {
        ProbeStatistics statistics = new ProbeStatistics(PROBE, 2);
        statistics.record(ProbeRing.OUTCOME_RETURNED, 1_000);
        statistics.record(ProbeRing.OUTCOME_RETURNED, 2_000);
        statistics.record(ProbeRing.OUTCOME_THREW, 3_000);

        ProbeStatistics.Closed first = statistics.closeInterval();
        assertThat(first.intervalHistogram().getTotalCount()).as("kept for the sinks until the next interval").isEqualTo(3);
        statistics.startNextInterval();
        statistics.record(ProbeRing.OUTCOME_RETURNED, 4_000);
        ProbeStatistics.Closed second = statistics.closeInterval();
        statistics.startNextInterval();
        ProbeStatistics.Closed third = statistics.closeInterval();
        statistics.startNextInterval();

        assertThat(first.interval().calls()).isEqualTo(3);
        assertThat(first.interval().errors()).isEqualTo(1);
        assertThat(first.interval().latency().samples()).isEqualTo(3);
        assertThat(first.total().calls()).isEqualTo(3);

        assertThat(second.interval().calls()).isEqualTo(1);
        assertThat(second.interval().errors()).isZero();
        assertThat(second.interval().latency().samples()).isEqualTo(1);
        assertThat(second.total().calls()).isEqualTo(4);
        assertThat(second.total().errors()).isEqualTo(1);
        assertThat(second.total().latency().samples()).isEqualTo(4);
        assertThat(second.total().latency().max()).isGreaterThanOrEqualTo(4_000);

        assertThat(third.interval().calls()).isZero();
        assertThat(third.interval().latency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(third.total().calls()).isEqualTo(4);
        assertThat(third.totalHistogram().getTotalCount()).isEqualTo(4);
    }

    @Test
    void aNegativeDurationIsRecordedAsZero() {
        ProbeStatistics statistics = new ProbeStatistics(PROBE, 2);
        statistics.record(ProbeRing.OUTCOME_RETURNED, -5);

        assertThat(statistics.closeInterval().interval().latency().max()).isZero();
    }

    @Test
    void droppedCallsAreCountedAsCallsAndErrorsButNotTimed() throws InterruptedException {
        ProbeRings.setMaxCapacity(64);
        Thread app = new Thread(() -> {
            for (int i = 0; i < 64; i++) {
                Probes.recordTiming(PROBE, System.nanoTime(), false);
            }
            for (int i = 0; i < 3; i++) {
                Probes.recordTiming(PROBE, System.nanoTime(), false);
            }
            for (int i = 0; i < 4; i++) {
                Probes.recordTiming(PROBE, System.nanoTime(), true);
            }
        }, "probe-statistics-test");
        app.start();
        app.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(app.isAlive()).isFalse();
        forgetNewRings();

        ProbeStatistics statistics = new ProbeStatistics(PROBE, 2);
        statistics.record(ProbeRing.OUTCOME_RETURNED, 1_000);
        ProbeStatistics.Closed first = statistics.closeInterval();
        ProbeStatistics.Closed second = statistics.closeInterval();

        assertThat(first.interval().calls()).isEqualTo(1 + 7);
        assertThat(first.interval().errors()).isEqualTo(4);
        assertThat(first.interval().dropped()).isEqualTo(7);
        assertThat(first.interval().latency().samples()).isEqualTo(1);
        assertThat(second.interval().dropped()).isZero();
        assertThat(second.interval().calls()).isZero();
        assertThat(second.total().dropped()).isEqualTo(7);
        assertThat(second.total().calls()).isEqualTo(8);
        assertThat(second.total().errors()).isEqualTo(4);
    }

    private static void forgetNewRings() {
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            ring.drain((probeId, outcome, duration, allocated) -> { });
        }
    }
}
