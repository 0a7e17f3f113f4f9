package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProbeRingTest {

    /** One drained record, as the reporter would see it. */
    record Recorded(int probeId, int outcome, long durationNanos, long allocatedBytes) {
    }

    private static List<Recorded> drainAll(ProbeRing ring) {
        List<Recorded> records = new ArrayList<>();
        ring.drain((probeId, outcome, duration, allocated) -> records.add(new Recorded(probeId, outcome, duration, allocated)));
        return records;
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProbeRing(100, Thread.currentThread()))
                .withMessageContaining("power of two");
        assertThat(new ProbeRing(128, Thread.currentThread()).capacity()).isEqualTo(128);
    }

    @Test
    void recordsComeOutOldestFirstWithEveryFieldIntact() {
        ProbeRing ring = new ProbeRing(8, Thread.currentThread());

        assertThat(ring.offer(0, ProbeRing.OUTCOME_RETURNED, 1_500, ProbeRing.NOT_MEASURED)).isTrue();
        assertThat(ring.offer(4095, ProbeRing.OUTCOME_THREW, Long.MAX_VALUE, 123_456_789_012L)).isTrue();
        assertThat(ring.offer(7, ProbeRing.OUTCOME_RETURNED, 0, 0)).isTrue();
        assertThat(ring.offer(Integer.MAX_VALUE, ProbeRing.OUTCOME_THREW, 42, 1)).isTrue();
        assertThat(ring.size()).isEqualTo(4);

        assertThat(drainAll(ring)).containsExactly(
                new Recorded(0, ProbeRing.OUTCOME_RETURNED, 1_500, ProbeRing.NOT_MEASURED),
                new Recorded(4095, ProbeRing.OUTCOME_THREW, Long.MAX_VALUE, 123_456_789_012L),
                new Recorded(7, ProbeRing.OUTCOME_RETURNED, 0, 0),
                new Recorded(Integer.MAX_VALUE, ProbeRing.OUTCOME_THREW, 42, 1));
        assertThat(ring.size()).isZero();
        assertThat(drainAll(ring)).isEmpty();
    }

    @Test
    void aFullRingRejectsOffersAndOverwritesNothing() {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(1, ProbeRing.OUTCOME_RETURNED, i, i)).isTrue();
        }

        assertThat(ring.offer(2, ProbeRing.OUTCOME_THREW, 99, 99)).isFalse();
        assertThat(ring.offer(2, ProbeRing.OUTCOME_THREW, 100, 100)).isFalse();

        assertThat(ring.size()).isEqualTo(4);
        assertThat(drainAll(ring)).extracting(Recorded::probeId, Recorded::durationNanos)
                .containsExactly(
                        tuple(1, 0L),
                        tuple(1, 1L),
                        tuple(1, 2L),
                        tuple(1, 3L));
    }

    @Test
    void drainingFreesSlotsForNewRecordsAndOrderSurvivesWrapAround() {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        long next = 0;
        List<Long> seen = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(ring.offer(3, ProbeRing.OUTCOME_RETURNED, next++, 0)).isTrue();
            }
            int drained = ring.drain((probeId, outcome, duration, allocated) -> seen.add(duration));
            assertThat(drained).isEqualTo(3);
        }

        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(3, ProbeRing.OUTCOME_RETURNED, next++, 0)).isTrue();
        }
        assertThat(ring.offer(3, ProbeRing.OUTCOME_RETURNED, next, 0)).isFalse();
        ring.drain((probeId, outcome, duration, allocated) -> seen.add(duration));

        assertThat(seen).hasSize(34);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aRingIsFinishedOnceRetired() {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        assertThat(ring.isFinished()).isFalse();

        ring.retire();

        assertThat(ring.isFinished()).isTrue();
    }

    @Test
    void aRingIsFinishedOnceItsOwnerDied() throws InterruptedException {
        AtomicReference<ProbeRing> ring = new AtomicReference<>();
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            ProbeRing own = new ProbeRing(4, Thread.currentThread());
            own.offer(5, ProbeRing.OUTCOME_RETURNED, 10, 0);
            ring.set(own);
            created.countDown();
            awaitQuietly(release);
        }, "probe-ring-owner");
        owner.start();
        assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(ring.get().isFinished()).isFalse();
        release.countDown();
        owner.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(owner.isAlive()).isFalse();

        assertThat(ring.get().isFinished()).isTrue();
        assertThat(drainAll(ring.get())).containsExactly(new Recorded(5, ProbeRing.OUTCOME_RETURNED, 10, 0));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One owner offers as fast as it can while another thread drains: every record is either
     * received, intact and in order, or was refused by {@code offer}; none is lost or seen twice.
     */
    @Test
    void oneProducerAndOneConsumerLoseNothingAndKeepOrder() throws InterruptedException {
        final long offered = 2_000_000;
        AtomicReference<ProbeRing> ringRef = new AtomicReference<>();
        AtomicLong rejected = new AtomicLong();
        AtomicBoolean producerDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ringCreated = new CountDownLatch(1);

        Thread producer = new Thread(() -> {
            ProbeRing ring = new ProbeRing(256, Thread.currentThread());
            ringRef.set(ring);
            ringCreated.countDown();
            long refused = 0;
            for (long seq = 0; seq < offered; seq++) {
                int outcome = (int) (seq & 1);
                if (!ring.offer((int) (seq % 4096), outcome, seq, ~seq)) {
                    refused++;
                }
            }
            rejected.set(refused);
            producerDone.set(true);
        }, "probe-ring-producer");

        long[] received = {0};
        long[] lastSeq = {-1};
        RecordConsumer check = (probeId, outcome, duration, allocated) -> {
            long seq = duration;
            if (seq <= lastSeq[0] || probeId != (int) (seq % 4096) || outcome != (int) (seq & 1) || allocated != ~seq) {
                failure.compareAndSet(null, new AssertionError("record out of order or torn after " + lastSeq[0]
                        + ": probe " + probeId + ", outcome " + outcome + ", seq " + seq + ", allocated " + allocated));
            }
            lastSeq[0] = seq;
            received[0]++;
        };
        Thread consumer = new Thread(() -> {
            try {
                ringCreated.await();
                ProbeRing ring = ringRef.get();
                while (!producerDone.get()) {
                    if (ring.drain(check) == 0) {
                        Thread.onSpinWait();
                    }
                }
                ring.drain(check);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "probe-ring-consumer");

        consumer.start();
        producer.start();
        producer.join(TimeUnit.SECONDS.toMillis(30));
        consumer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(producer.isAlive()).isFalse();
        assertThat(consumer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(received[0] + rejected.get()).isEqualTo(offered);
        assertThat(received[0]).isPositive();
        assertThat(ringRef.get().size()).isZero();
    }
}
