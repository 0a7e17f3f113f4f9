package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProbeRingTest {

    private static List<Drained> drainAll(ProbeRing ring) {
        List<Drained> records = new ArrayList<>();
        ring.drain(record -> records.add(Drained.copyOf(record)));
        return records;
    }

    /** A root call that returned, with no callee, allocation not measured. */
    private static boolean offer(ProbeRing ring, int probeId, long durationNanos) {
        return ring.offer(probeId, ProbeRing.OUTCOME_RETURNED, durationNanos, ProbeRing.NOT_MEASURED,
                ProbeRing.NO_PARENT, 0, false, null);
    }

    private static Drained returned(int probeId, long durationNanos) {
        return new Drained(probeId, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false, durationNanos,
                ProbeRing.NOT_MEASURED, 0, null);
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

        assertThat(ring.offer(0, ProbeRing.OUTCOME_RETURNED, 1_500, ProbeRing.NOT_MEASURED, ProbeRing.NO_PARENT,
                0, false, null)).isTrue();
        assertThat(ring.offer(4095, ProbeRing.OUTCOME_THREW, Long.MAX_VALUE, 123_456_789_012L, 4095,
                Long.MAX_VALUE - 1, true, IllegalStateException.class)).isTrue();
        assertThat(ring.offer(7, ProbeRing.OUTCOME_RETURNED, 0, 0, 0, 0, false, null)).isTrue();
        assertThat(ring.offer(4094, ProbeRing.OUTCOME_THREW, 42, 1, 4094, 41, false, Error.class)).isTrue();
        assertThat(ring.offer(1, ProbeRing.OUTCOME_RETURNED, 9, 8_016, 2, 3, true, null)).isTrue();
        assertThat(ring.size()).isEqualTo(5);

        assertThat(drainAll(ring)).containsExactly(
                new Drained(0, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false, 1_500, ProbeRing.NOT_MEASURED,
                        0, null),
                new Drained(4095, 4095, ProbeRing.OUTCOME_THREW, true, Long.MAX_VALUE, 123_456_789_012L,
                        Long.MAX_VALUE - 1, IllegalStateException.class),
                new Drained(7, 0, ProbeRing.OUTCOME_RETURNED, false, 0, 0, 0, null),
                new Drained(4094, 4094, ProbeRing.OUTCOME_THREW, false, 42, 1, 41, Error.class),
                new Drained(1, 2, ProbeRing.OUTCOME_RETURNED, true, 9, 8_016, 3, null));
        assertThat(ring.size()).isZero();
        assertThat(drainAll(ring)).isEmpty();
    }

    /** The 16-bit fields of the meta word do not bleed into each other at their extremes. */
    @Test
    void theHighestProbeIdAndParentDoNotDisturbTheOtherFields() {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        int highest = ProbeRings.MAX_PROBES - 1;

        ring.offer(highest, ProbeRing.OUTCOME_RETURNED, 1, 2, ProbeRing.NO_PARENT, 3, false, null);
        ring.offer(0, ProbeRing.OUTCOME_THREW, 4, 5, highest, 6, true, null);
        ring.offer(highest, ProbeRing.OUTCOME_RETURNED, 7, 8, highest, 9, true, null);

        assertThat(drainAll(ring)).extracting(Drained::probeId, Drained::parentProbeId, Drained::outcome, Drained::nested)
                .containsExactly(
                        tuple(highest, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false),
                        tuple(0, highest, ProbeRing.OUTCOME_THREW, true),
                        tuple(highest, highest, ProbeRing.OUTCOME_RETURNED, true));
    }

    /**
     * A thrown exception's class must not stay reachable from the ring once its record is drained,
     * neither from the slot nor from the record handed to the consumer: a class keeps its whole
     * class loader alive (a redeployed web application, say).
     */
    @Test
    void drainingReleasesTheThrownClasses() throws ReflectiveOperationException {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        ring.offer(1, ProbeRing.OUTCOME_THREW, 1, 0, ProbeRing.NO_PARENT, 0, false, IllegalStateException.class);
        ring.offer(2, ProbeRing.OUTCOME_THREW, 2, 0, ProbeRing.NO_PARENT, 0, false, ArithmeticException.class);
        assertThat(thrownTypesHeldBy(ring)).containsOnly(IllegalStateException.class, ArithmeticException.class, null);

        List<Class<?>> seen = new ArrayList<>();
        AtomicReference<DrainedRecord> handedOut = new AtomicReference<>();
        ring.drain(record -> {
            seen.add(record.thrownType());
            handedOut.set(record);
        });

        assertThat(seen).containsExactly(IllegalStateException.class, ArithmeticException.class);
        assertThat(thrownTypesHeldBy(ring)).containsOnlyNulls();
        assertThat(handedOut.get().thrownType()).as("the reused record keeps no class after the drain").isNull();
    }

    private static Class<?>[] thrownTypesHeldBy(ProbeRing ring) throws ReflectiveOperationException {
        Field field = ProbeRing.class.getDeclaredField("thrownTypes");
        field.setAccessible(true);
        return ((Class<?>[]) field.get(ring)).clone();
    }

    @Test
    void aFullRingRejectsOffersAndOverwritesNothing() {
        ProbeRing ring = new ProbeRing(4, Thread.currentThread());
        for (int i = 0; i < 4; i++) {
            assertThat(offer(ring, 1, i)).isTrue();
        }

        assertThat(ring.offer(2, ProbeRing.OUTCOME_THREW, 99, 99, 1, 0, false, Error.class)).isFalse();
        assertThat(ring.offer(2, ProbeRing.OUTCOME_THREW, 100, 100, 1, 0, false, Error.class)).isFalse();

        assertThat(ring.size()).isEqualTo(4);
        assertThat(drainAll(ring)).extracting(Drained::probeId, Drained::durationNanos)
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
                assertThat(offer(ring, 3, next++)).isTrue();
            }
            int drained = ring.drain(record -> seen.add(record.durationNanos()));
            assertThat(drained).isEqualTo(3);
        }

        for (int i = 0; i < 4; i++) {
            assertThat(offer(ring, 3, next++)).isTrue();
        }
        assertThat(offer(ring, 3, next)).isFalse();
        ring.drain(record -> seen.add(record.durationNanos()));

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
            offer(own, 5, 10);
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
        assertThat(drainAll(ring.get())).containsExactly(returned(5, 10));
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
                int parent = (int) (seq % 4097) - 1;
                if (!ring.offer((int) (seq % 4096), outcome, seq, ~seq, parent, seq >>> 1, (seq & 2) != 0,
                        outcome == ProbeRing.OUTCOME_THREW ? IllegalStateException.class : null)) {
                    refused++;
                }
            }
            rejected.set(refused);
            producerDone.set(true);
        }, "probe-ring-producer");

        long[] received = {0};
        long[] lastSeq = {-1};
        RecordConsumer check = record -> {
            long seq = record.durationNanos();
            boolean threw = record.outcome() == ProbeRing.OUTCOME_THREW;
            if (seq <= lastSeq[0] || record.probeId() != (int) (seq % 4096) || record.outcome() != (int) (seq & 1)
                    || record.allocatedBytes() != ~seq || record.parentProbeId() != (int) (seq % 4097) - 1
                    || record.childNanos() != seq >>> 1 || record.nested() != ((seq & 2) != 0)
                    || record.thrownType() != (threw ? IllegalStateException.class : null)) {
                failure.compareAndSet(null, new AssertionError("record out of order or torn after " + lastSeq[0]
                        + ": " + Drained.copyOf(record)));
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
