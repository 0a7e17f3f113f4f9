package io.perfweave.agent.report;

import static io.perfweave.agent.probe.DrainedRecords.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.tuple;

import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.Probes;
import java.util.List;
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

    private static ProbeStatistics timingOnly() {
        return new ProbeStatistics(PROBE, 2, false);
    }

    private static ProbeStatistics measuringAllocation() {
        return new ProbeStatistics(PROBE, 2, true);
    }

    @Test
    void anIntervalCountsItsOwnCallsAndTheTotalKeepsGrowing() {
        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(1_000).build());
        statistics.record(call(PROBE).lasting(2_000).build());
        statistics.record(call(PROBE).lasting(3_000).threw(IllegalStateException.class).build());

        ProbeStatistics.Closed first = statistics.closeInterval();
        assertThat(first.intervalHistogram().getTotalCount()).as("kept for the sinks until the next interval").isEqualTo(3);
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(4_000).build());
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
        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(-5).build());

        assertThat(statistics.closeInterval().interval().latency().max()).isZero();
    }

    @Test
    void droppedCallsAreCountedAsCallsAndErrorsButNotTimed() throws InterruptedException {
        ProbeRings.setMaxCapacity(64);
        Thread app = new Thread(() -> {
            for (int i = 0; i < 64 + 3; i++) {
                Probes.enter(PROBE);
                Probes.exit(PROBE, System.nanoTime(), null);
            }
            for (int i = 0; i < 4; i++) {
                Probes.enter(PROBE);
                Probes.exit(PROBE, System.nanoTime(), new IllegalStateException("expected in this test"));
            }
        }, "probe-statistics-test");
        app.start();
        app.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(app.isAlive()).isFalse();
        forgetNewRings();

        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(1_000).build());
        ProbeStatistics.Closed first = statistics.closeInterval();
        statistics.startNextInterval();
        ProbeStatistics.Closed second = statistics.closeInterval();

        assertThat(first.interval().calls()).isEqualTo(1 + 7);
        assertThat(first.interval().errors()).isEqualTo(4);
        assertThat(first.interval().dropped()).isEqualTo(7);
        assertThat(first.interval().latency().samples()).isEqualTo(1);
        assertThat(first.interval().failedLatency().samples()).as("dropped calls are not timed").isZero();
        assertThat(second.interval().dropped()).isZero();
        assertThat(second.interval().calls()).isZero();
        assertThat(second.total().dropped()).isEqualTo(7);
        assertThat(second.total().calls()).isEqualTo(8);
        assertThat(second.total().errors()).isEqualTo(4);
        assertThat(second.total().errorRate()).isEqualTo(0.5);
    }

    @Test
    void failedCallsHaveALatencyOfTheirOwnAndAreInTheOverallOneToo() {
        ProbeStatistics statistics = timingOnly();
        for (int i = 0; i < 9; i++) {
            statistics.record(call(PROBE).lasting(1_000).build());
        }
        statistics.record(call(PROBE).lasting(1_000_000).threw(IllegalStateException.class).build());
        statistics.record(call(PROBE).lasting(2_000_000).threw(null).build());

        ProbeStatistics.Closed closed = statistics.closeInterval();
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(1_000).build());
        ProbeStatistics.Closed next = statistics.closeInterval();

        CallStats interval = closed.interval();
        assertThat(interval.latency().samples()).isEqualTo(11);
        assertThat(interval.latency().p50()).isCloseTo(1_000, within(10L));
        assertThat(interval.failedLatency().samples()).isEqualTo(2);
        assertThat(interval.failedLatency().min()).isCloseTo(1_000_000, within(10_000L));
        assertThat(interval.failedLatency().max()).isCloseTo(2_000_000, within(20_000L));
        assertThat(interval.errors()).isEqualTo(2);
        assertThat(interval.errorRate()).isEqualTo(2.0 / 11);

        assertThat(next.interval().failedLatency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(next.interval().errorRate()).isZero();
        assertThat(next.total().failedLatency().samples()).isEqualTo(2);
        assertThat(next.total().errorRate()).isEqualTo(2.0 / 12);
    }

    @Test
    void noCallsIsAnErrorRateOfZero() {
        CallStats none = timingOnly().closeInterval().total();

        assertThat(none.calls()).isZero();
        assertThat(none.errorRate()).isZero();
        assertThat(none.failedLatency()).isEqualTo(LatencySummary.EMPTY);
    }

    /** The first eight classes seen are counted by name, most frequent first; later ones only as "other". */
    @Test
    void exceptionClassesAreCountedUpToALimitAndTheRestAsOther() {
        List<Class<? extends Throwable>> classes = List.of(IllegalStateException.class, IllegalArgumentException.class,
                NullPointerException.class, ArithmeticException.class, ArrayIndexOutOfBoundsException.class,
                ClassCastException.class, UnsupportedOperationException.class, NumberFormatException.class,
                SecurityException.class, StackOverflowError.class);
        assertThat(ProbeStatistics.MAX_EXCEPTION_CLASSES).isEqualTo(8);
        ProbeStatistics statistics = timingOnly();
        for (int i = 0; i < classes.size(); i++) {
            statistics.record(call(PROBE).lasting(10).threw(classes.get(i)).build());
        }
        for (int i = 0; i < 8; i++) {
            for (int extra = 0; extra < i; extra++) {
                statistics.record(call(PROBE).lasting(10).threw(classes.get(i)).build());
            }
        }
        for (int i = 0; i < 20; i++) {
            statistics.record(call(PROBE).lasting(10).threw(SecurityException.class).build());
        }
        statistics.record(call(PROBE).lasting(10).threw(null).build());
        statistics.record(call(PROBE).lasting(10).build());

        assertThat(statistics.exceptions()).extracting(ExceptionCount::exceptionClass, ExceptionCount::count)
                .containsExactly(
                        tuple(NumberFormatException.class.getName(), 8L),
                        tuple(UnsupportedOperationException.class.getName(), 7L),
                        tuple(ClassCastException.class.getName(), 6L),
                        tuple(ArrayIndexOutOfBoundsException.class.getName(), 5L),
                        tuple(ArithmeticException.class.getName(), 4L),
                        tuple(NullPointerException.class.getName(), 3L),
                        tuple(IllegalArgumentException.class.getName(), 2L),
                        tuple(IllegalStateException.class.getName(), 1L),
                        tuple(ExceptionCount.OTHER, 22L));
        CallStats total = statistics.closeInterval().total();
        assertThat(total.errors()).isEqualTo(10 + 28 + 20 + 1);
        assertThat(total.calls()).isEqualTo(total.errors() + 1);
    }

    @Test
    void exceptionsAreCountedSinceStartAcrossIntervals() {
        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(10).threw(IllegalStateException.class).build());
        statistics.closeInterval();
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(10).threw(IllegalStateException.class).build());

        assertThat(statistics.exceptions()).containsExactly(new ExceptionCount(IllegalStateException.class.getName(), 2));
    }

    @Test
    void totalTimeLeavesOutCallsNestedInACallOfTheSameProbe() {
        ProbeStatistics statistics = timingOnly();
        // An outer call of 100ns whose probed callees took 60ns, of which a recursive call of 50ns
        // that itself spent 20ns in probed callees.
        statistics.record(call(PROBE).lasting(50).inCallees(20).nested().under(PROBE).build());
        statistics.record(call(PROBE).lasting(100).inCallees(60).build());
        statistics.record(call(PROBE).lasting(30).build());

        CallStats stats = statistics.closeInterval().interval();

        assertThat(stats.totalTimeNanos()).isEqualTo(100 + 30);
        assertThat(stats.selfTimeNanos()).isEqualTo((50 - 20) + (100 - 60) + 30);
        assertThat(stats.latency().samples()).as("a nested call is still a call").isEqualTo(3);
    }

    @Test
    void totalAndSelfTimeAreKeptPerIntervalAndAddUpInTheTotal() {
        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(1_000).inCallees(400).build());
        ProbeStatistics.Closed first = statistics.closeInterval();
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(500).inCallees(100).under(7).build());
        ProbeStatistics.Closed second = statistics.closeInterval();

        assertThat(first.interval().totalTimeNanos()).isEqualTo(1_000);
        assertThat(first.interval().selfTimeNanos()).isEqualTo(600);
        assertThat(second.interval().totalTimeNanos()).isEqualTo(500);
        assertThat(second.interval().selfTimeNanos()).isEqualTo(400);
        assertThat(second.total().totalTimeNanos()).isEqualTo(1_500);
        assertThat(second.total().selfTimeNanos()).isEqualTo(1_000);
    }

    @Test
    void theSelfTimeHistogramStartsWithTheLatenciesOfTheCallsBeforeTheFirstProbedCallee() {
        ProbeStatistics statistics = timingOnly();
        statistics.record(call(PROBE).lasting(100).build());
        ProbeStatistics.Closed leafOnly = statistics.closeInterval();
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(200).build());
        statistics.record(call(PROBE).lasting(1_000).inCallees(700).build());
        ProbeStatistics.Closed withCallee = statistics.closeInterval();

        assertThat(leafOnly.totalSelfTimeHistogram()).as("no probed callee yet: self time is the latency").isNull();
        assertThat(withCallee.totalSelfTimeHistogram().getTotalCount()).isEqualTo(3);
        assertThat(withCallee.totalSelfTimeHistogram().getMaxValue()).isBetween(300L, 303L);
        assertThat(withCallee.totalSelfTimeHistogram().getMinValue()).isBetween(99L, 100L);
        assertThat(withCallee.totalHistogram().getMaxValue()).isBetween(1_000L, 1_007L);
    }

    @Test
    void aProbeWithoutProbedCalleesKeepsNoSelfTimeHistogram() {
        ProbeStatistics leaf = timingOnly();
        ProbeStatistics caller = timingOnly();
        for (long nanos = 1_000; nanos < 1_000_000_000L; nanos *= 3) {
            leaf.record(call(PROBE).lasting(nanos).build());
            caller.record(call(PROBE).lasting(nanos).inCallees(1).build());
        }
        leaf.closeInterval();
        caller.closeInterval();

        // The caller's self times span the range of its latencies, so its self-time histograms are as
        // large as its latency histograms; the leaf keeps only the latter.
        assertThat(leaf.footprintBytes()).isLessThan(caller.footprintBytes() * 3 / 4);
    }

    @Test
    void allocationIsSummarizedWithAnExactTotal() {
        ProbeStatistics statistics = measuringAllocation();
        statistics.record(call(PROBE).lasting(10).allocating(8_016).build());
        statistics.record(call(PROBE).lasting(10).allocating(100).build());
        statistics.record(call(PROBE).lasting(10).allocating(0).build());
        statistics.record(call(PROBE).lasting(10).allocating(123_457).threw(IllegalStateException.class).build());
        statistics.record(call(PROBE).lasting(10).build());

        ProbeStatistics.Closed first = statistics.closeInterval();
        statistics.startNextInterval();
        statistics.record(call(PROBE).lasting(10).allocating(16).build());
        ProbeStatistics.Closed second = statistics.closeInterval();

        AllocationSummary interval = first.interval().allocation();
        assertThat(interval.samples()).as("a call on a thread that could not measure is not a sample").isEqualTo(4);
        assertThat(interval.totalBytes()).isEqualTo(8_016 + 100 + 0 + 123_457);
        assertThat(interval.mean()).isEqualTo((8_016 + 100 + 0 + 123_457) / 4.0);
        assertThat(interval.min()).isZero();
        assertThat(interval.max()).isEqualTo(123_457);
        assertThat(interval.p50()).isCloseTo(100, within(1L));
        assertThat(first.interval().calls()).isEqualTo(5);

        assertThat(second.interval().allocation().samples()).isEqualTo(1);
        assertThat(second.interval().allocation().totalBytes()).isEqualTo(16);
        assertThat(second.total().allocation().samples()).isEqualTo(5);
        assertThat(second.total().allocation().totalBytes()).isEqualTo(8_016 + 100 + 123_457 + 16);
        assertThat(second.interval().allocation().min()).isEqualTo(16);
        assertThat(second.interval().allocation().max()).isEqualTo(16);
        assertThat(second.total().allocation().min()).isZero();
        assertThat(second.total().allocation().max()).isEqualTo(123_457);
    }

    @Test
    void anAllocationSummaryIsEmptyWhenNothingWasMeasuredAndAbsentWhenTheProbeDoesNotMeasure() {
        ProbeStatistics measuring = measuringAllocation();
        measuring.record(call(PROBE).lasting(10).build());
        ProbeStatistics.Closed measuringClosed = measuring.closeInterval();

        ProbeStatistics timing = timingOnly();
        timing.record(call(PROBE).lasting(10).build());
        ProbeStatistics.Closed timingClosed = timing.closeInterval();

        assertThat(measuringClosed.interval().allocation()).isEqualTo(new AllocationSummary(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(measuringClosed.total().allocation()).isEqualTo(new AllocationSummary(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(timingClosed.interval().allocation()).isNull();
        assertThat(timingClosed.total().allocation()).isNull();
    }

    private static void forgetNewRings() {
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            ring.drain(record -> { });
        }
    }
}
