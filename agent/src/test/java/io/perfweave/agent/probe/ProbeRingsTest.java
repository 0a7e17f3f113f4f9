package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProbeRings} is global state: these tests use probe ids no other test uses, record on
 * threads of their own (a thread's first record registers its ring) and put the maximum ring
 * capacity back when done.
 */
class ProbeRingsTest {

    private static final int GROWING = 4001;
    private static final int DROPPING = 4002;
    private static final int DROPPING_OTHER = 4003;
    private static final int UNTOUCHED = 4004;
    private static final int FIRST = 4005;
    private static final int SECOND = 4006;
    private static final int THIRD = 4007;
    private static final int DRAINED = 4008;
    private static final int NEXT_RUN = 4009;

    private int previousMaxCapacity;

    @BeforeEach
    void forgetEarlierRings() {
        previousMaxCapacity = ProbeRings.maxCapacity();
        takeRings();
        for (int id = 4001; id <= 4009; id++) {
            ProbeRings.resetDropped(id);
        }
    }

    @AfterEach
    void restoreMaxCapacity() {
        ProbeRings.setMaxCapacity(previousMaxCapacity);
    }

    @Test
    void aNewRunGivesAThreadThatRecordedBeforeANewRingAndForgetsEveryDrop() throws InterruptedException {
        ProbeRings.setMaxCapacity(ProbeRings.INITIAL_CAPACITY);
        onNewThread(() -> {
            for (int i = 0; i <= ProbeRings.INITIAL_CAPACITY; i++) {
                record(NEXT_RUN, ProbeRing.OUTCOME_RETURNED, 10, ProbeRing.NOT_MEASURED);
            }
            assertThat(ProbeRings.dropped(NEXT_RUN, ProbeRing.OUTCOME_RETURNED)).isEqualTo(1);
            ProbeRing before = takeRings().get(0);

            ProbeRings.startRun();
            record(NEXT_RUN, ProbeRing.OUTCOME_RETURNED, 10, ProbeRing.NOT_MEASURED);

            assertThat(ProbeRings.dropped(NEXT_RUN, ProbeRing.OUTCOME_RETURNED)).isZero();
            List<ProbeRing> after = takeRings();
            assertThat(after).hasSize(1);
            assertThat(after.get(0)).isNotSameAs(before);
            assertThat(after.get(0).size()).isEqualTo(1);
            assertThat(before.size()).as("the abandoned ring gets nothing more").isEqualTo(ProbeRings.INITIAL_CAPACITY);
        });
    }

    /** Every ring registered since the last call, newest first. */
    private static List<ProbeRing> takeRings() {
        List<ProbeRing> rings = new ArrayList<>();
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            rings.add(ring);
        }
        return rings;
    }

    /** Records one root call on the calling thread, the way the probe runtime does. */
    private static void record(int probeId, int outcome, long durationNanos, long allocatedBytes) {
        ProbeRings.record(ProbeRings.currentThread(), probeId, outcome, durationNanos, allocatedBytes,
                ProbeRing.NO_PARENT, 0, false, outcome == ProbeRing.OUTCOME_THREW ? IllegalStateException.class : null);
    }

    private static List<long[]> drain(ProbeRing ring) {
        List<long[]> records = new ArrayList<>();
        ring.drain(record -> records.add(new long[] {record.probeId(), record.outcome(), record.durationNanos()}));
        return records;
    }

    /** A thread of the test's own, so that its first record registers a ring nobody else has seen. */
    private static final class Owner {
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Owner(Runnable body) {
            thread = new Thread(body, "probe-rings-test");
            thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            thread.start();
        }

        void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
            assertThat(failure.get()).isNull();
        }
    }

    private static void onNewThread(Runnable body) throws InterruptedException {
        new Owner(body).join();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aThreadsFirstRingIsSmallAndGrowsWhenFullWithoutDroppingUpToTheMaximum() throws InterruptedException {
        ProbeRings.setMaxCapacity(256);
        int records = 64 + 128 + 256;
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Owner owner = new Owner(() -> {
            for (int seq = 0; seq < records; seq++) {
                record(GROWING, ProbeRing.OUTCOME_RETURNED, seq, ProbeRing.NOT_MEASURED);
            }
            recorded.countDown();
            ProbeRingsTest.await(release);
        });
        await(recorded);

        List<ProbeRing> rings = takeRings();
        assertThat(ProbeRings.INITIAL_CAPACITY).isEqualTo(64);
        assertThat(rings).extracting(ProbeRing::capacity).containsExactly(256, 128, 64);
        assertThat(rings).extracting(ProbeRing::size).containsExactly(256, 128, 64);
        assertThat(rings).extracting(ProbeRing::isFinished).containsExactly(false, true, true);
        assertThat(ProbeRings.dropped(GROWING, ProbeRing.OUTCOME_RETURNED)).isZero();

        release.countDown();
        owner.join();
        assertThat(rings).allMatch(ProbeRing::isFinished);

        List<Long> sequence = new ArrayList<>();
        List<ProbeRing> oldestFirst = new ArrayList<>(rings);
        Collections.reverse(oldestFirst);
        for (ProbeRing ring : oldestFirst) {
            drain(ring).forEach(r -> sequence.add(r[2]));
        }
        assertThat(sequence).hasSize(records);
        for (int i = 0; i < records; i++) {
            assertThat(sequence.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aRingThatIsDrainedInTimeDoesNotGrow() throws InterruptedException {
        ProbeRings.setMaxCapacity(1024);
        CountDownLatch firstBatch = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(1);
        Owner owner = new Owner(() -> {
            for (int i = 0; i < 64; i++) {
                record(DRAINED, ProbeRing.OUTCOME_RETURNED, i, 0);
            }
            firstBatch.countDown();
            ProbeRingsTest.await(drained);
            for (int i = 64; i < 128; i++) {
                record(DRAINED, ProbeRing.OUTCOME_RETURNED, i, 0);
            }
        });
        await(firstBatch);
        List<ProbeRing> rings = takeRings();
        assertThat(rings).singleElement().satisfies(ring -> assertThat(drain(ring)).hasSize(64));
        drained.countDown();
        owner.join();

        assertThat(takeRings()).isEmpty();
        assertThat(drain(rings.get(0))).extracting(r -> r[2]).first().isEqualTo(64L);
        assertThat(rings.get(0).capacity()).isEqualTo(64);
    }

    @Test
    void recordsThatFindTheRingFullAtItsMaximumAreCountedByProbeAndOutcome() throws InterruptedException {
        ProbeRings.setMaxCapacity(64);
        onNewThread(() -> {
            for (int seq = 0; seq < 64; seq++) {
                record(DROPPING, ProbeRing.OUTCOME_RETURNED, seq, 0);
            }
            for (int i = 0; i < 20; i++) {
                record(DROPPING, ProbeRing.OUTCOME_RETURNED, 1000 + i, 0);
            }
            for (int i = 0; i < 10; i++) {
                record(DROPPING, ProbeRing.OUTCOME_THREW, 2000 + i, 0);
            }
            for (int i = 0; i < 5; i++) {
                record(DROPPING_OTHER, ProbeRing.OUTCOME_THREW, 3000 + i, 0);
            }
        });

        assertThat(ProbeRings.dropped(DROPPING, ProbeRing.OUTCOME_RETURNED)).isEqualTo(20);
        assertThat(ProbeRings.dropped(DROPPING, ProbeRing.OUTCOME_THREW)).isEqualTo(10);
        assertThat(ProbeRings.dropped(DROPPING_OTHER, ProbeRing.OUTCOME_THREW)).isEqualTo(5);
        assertThat(ProbeRings.dropped(DROPPING_OTHER, ProbeRing.OUTCOME_RETURNED)).isZero();
        assertThat(ProbeRings.dropped(UNTOUCHED, ProbeRing.OUTCOME_RETURNED)).isZero();
        assertThat(ProbeRings.dropped(UNTOUCHED, ProbeRing.OUTCOME_THREW)).isZero();

        List<ProbeRing> rings = takeRings();
        assertThat(rings).singleElement().satisfies(ring -> {
            assertThat(ring.capacity()).isEqualTo(64);
            List<long[]> kept = drain(ring);
            assertThat(kept).hasSize(64);
            for (int i = 0; i < 64; i++) {
                assertThat(kept.get(i)[2]).as("record %d was overwritten", i).isEqualTo(i);
            }
        });

        ProbeRings.resetDropped(DROPPING);
        assertThat(ProbeRings.dropped(DROPPING, ProbeRing.OUTCOME_RETURNED)).isZero();
        assertThat(ProbeRings.dropped(DROPPING, ProbeRing.OUTCOME_THREW)).isZero();
        assertThat(ProbeRings.dropped(DROPPING_OTHER, ProbeRing.OUTCOME_THREW)).isEqualTo(5);
    }

    @Test
    void newRingsAreTakenOnceNewestFirstThroughTheirLinks() throws InterruptedException {
        for (int id : new int[] {FIRST, SECOND, THIRD}) {
            onNewThread(() -> record(id, ProbeRing.OUTCOME_RETURNED, 1, 0));
        }

        ProbeRing head = ProbeRings.takeNewRings();
        assertThat(ProbeRings.takeNewRings()).isNull();

        List<Long> ids = new ArrayList<>();
        for (ProbeRing ring = head; ring != null; ring = ProbeRings.nextOf(ring)) {
            drain(ring).forEach(r -> ids.add(r[0]));
        }
        assertThat(ids).containsExactly((long) THIRD, (long) SECOND, (long) FIRST);
    }

    @Test
    void theMaximumCapacityIsRoundedUpToAPowerOfTwoWithinBounds() {
        ProbeRings.setMaxCapacity(100);
        assertThat(ProbeRings.maxCapacity()).isEqualTo(128);
        ProbeRings.setMaxCapacity(4096);
        assertThat(ProbeRings.maxCapacity()).isEqualTo(4096);
        ProbeRings.setMaxCapacity(1);
        assertThat(ProbeRings.maxCapacity()).isEqualTo(ProbeRings.INITIAL_CAPACITY);
        ProbeRings.setMaxCapacity(Integer.MAX_VALUE);
        assertThat(ProbeRings.maxCapacity()).isEqualTo(1 << 24);
    }
}
